import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { InvalidArgumentError, PortabilityError } from "@dataportability/core";
import { type CredentialsData, StoredCredentials } from "./stored-credentials.js";

/**
 * Where credentials live, one entry per profile.
 *
 * @example
 * ```ts
 * async function signOut(store: TokenStore) {
 *   await store.delete("default");
 * }
 * ```
 */
export interface TokenStore {
  /** The profile's credentials, or `undefined` when none are stored. */
  load(profile: string): Promise<StoredCredentials | undefined>;
  /**
   * Stores credentials for a profile. When they carry no refresh token, the one already stored
   * is kept (token refresh responses usually omit it).
   */
  save(
    profile: string,
    credentials: StoredCredentials | CredentialsData,
  ): Promise<StoredCredentials>;
  /** Removes a profile's credentials; true when something was removed. */
  delete(profile: string): Promise<boolean>;
  /** Names of the stored profiles, sorted. */
  list(): Promise<string[]>;
}

/**
 * Options of {@link createFileTokenStore}.
 *
 * @example
 * ```ts
 * const options: FileTokenStoreOptions = { dir: "/etc/myapp/dataportability" };
 * ```
 */
export interface FileTokenStoreOptions {
  /**
   * The configuration folder. Default: `$XDG_CONFIG_HOME/dataportability`, else
   * `~/.config/dataportability`. Credentials go to `<dir>/credentials/<profile>.json`.
   */
  dir?: string;
}

/**
 * A stored credentials file could not be read (bad JSON or missing fields). The message names
 * the file, never its contents.
 *
 * @example
 * ```ts
 * try {
 *   await store.load("default");
 * } catch (error) {
 *   if (error instanceof TokenStoreError) console.error(`Sign in again: ${error.message}`);
 * }
 * ```
 */
export class TokenStoreError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "TokenStoreError";
  /** The file at fault. */
  readonly file: string;

  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(`${file}: ${problem}`, options);
    this.file = file;
  }
}

const PROFILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The default configuration folder: `$XDG_CONFIG_HOME/dataportability`, or
 * `~/.config/dataportability` when `XDG_CONFIG_HOME` is unset.
 *
 * @example
 * ```ts
 * defaultConfigDir(); // "/home/ada/.config/dataportability"
 * ```
 */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env["XDG_CONFIG_HOME"] || path.join(homedir(), ".config");
  return path.join(base, "dataportability");
}

/**
 * A {@link TokenStore} on disk: one JSON file per profile, written atomically (temporary file,
 * `fsync`, rename) with mode 0600 in folders of mode 0700. Refresh tokens are kept across
 * saves. Profile names are restricted to `[A-Za-z0-9._-]` (64 characters, not starting with a
 * dot or dash) so they can never name a path outside the store.
 *
 * @param options - The configuration folder.
 * @returns The store.
 * @example
 * ```ts
 * const store = createFileTokenStore();
 * await store.save("default", { accessToken, refreshToken, expiresAt, scope });
 * const credentials = await store.load("default");
 * console.log(credentials); // StoredCredentials { accessToken: '[redacted]', ... }
 * ```
 */
export function createFileTokenStore(options: FileTokenStoreOptions = {}): TokenStore & {
  /** The configuration folder, absolute. */
  readonly dir: string;
  /** The absolute path of a profile's credentials file; throws on an invalid profile name. */
  fileFor(profile: string): string;
} {
  const dir = path.resolve(options.dir ?? defaultConfigDir());
  const folder = path.join(dir, "credentials");
  const fileFor = (profile: string) => {
    if (typeof profile !== "string" || !PROFILE.test(profile)) {
      throw new InvalidArgumentError(
        "profile",
        `${JSON.stringify(profile)} is not a valid profile name`,
        "1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit",
      );
    }
    return path.join(folder, `${profile}.json`);
  };

  const load = async (profile: string) => {
    const file = fileFor(profile);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    return parseCredentials(file, text);
  };

  return {
    dir,
    fileFor,
    load,
    async save(profile, credentials) {
      const file = fileFor(profile);
      let next =
        credentials instanceof StoredCredentials ? credentials : new StoredCredentials(credentials);
      if (!next.refreshToken) {
        const previous = await load(profile).catch(() => undefined);
        if (previous?.refreshToken) next = next.with({ refreshToken: previous.refreshToken });
      }
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await chmod(folder, 0o700);
      await writeAtomically(file, `${JSON.stringify(serialize(next), null, 2)}\n`);
      return next;
    },
    async delete(profile) {
      const file = fileFor(profile);
      try {
        await rm(file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
      }
    },
    async list() {
      try {
        const names = await readdir(folder);
        return names
          .filter((name) => name.endsWith(".json"))
          .map((name) => name.slice(0, -".json".length))
          .filter((name) => PROFILE.test(name))
          .sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
    },
  };
}

async function writeAtomically(file: string, contents: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(contents, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function serialize(credentials: StoredCredentials): Record<string, unknown> {
  const data = credentials.toData();
  return {
    version: 1,
    accessToken: data.accessToken,
    refreshToken: data.refreshToken,
    expiresAt: data.expiresAt?.toISOString(),
    scope: data.scope,
    tokenType: data.tokenType,
    clientId: data.clientId,
  };
}

function parseCredentials(file: string, text: string): StoredCredentials {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the text, which would put a token into logs.
    throw new TokenStoreError(file, "not valid JSON");
  }
  const record = (json ?? {}) as Record<string, unknown>;
  if (typeof record["accessToken"] !== "string") {
    throw new TokenStoreError(file, "missing accessToken");
  }
  const str = (key: string) =>
    typeof record[key] === "string" ? (record[key] as string) : undefined;
  const expires = str("expiresAt");
  const expiresAt = expires ? new Date(expires) : undefined;
  if (expiresAt && Number.isNaN(expiresAt.getTime())) {
    throw new TokenStoreError(file, "expiresAt is not a date");
  }
  return new StoredCredentials({
    accessToken: record["accessToken"],
    refreshToken: str("refreshToken"),
    expiresAt,
    scope: str("scope"),
    tokenType: str("tokenType"),
    clientId: str("clientId"),
  });
}
