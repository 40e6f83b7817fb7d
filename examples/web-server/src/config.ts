import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** The server cannot start with this environment; `message` says what to change. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Where OAuth and the Data Portability API are: Google, or an emulator. */
export type ApiTarget =
  | { kind: "google"; clientId: string; clientSecret: string }
  | { kind: "emulator"; url: string | undefined };

/** Everything the server reads from its environment. */
export interface Config {
  /** Loopback by default; set HOST=0.0.0.0 behind a reverse proxy. */
  host: string;
  port: number;
  /**
   * The address users reach the server at (the OAuth redirect is `{publicUrl}/oauth/callback`);
   * default `http://{host}:{port}` once listening.
   */
  publicUrl: string | undefined;
  /** A Postgres server's URL, or undefined for embedded PGlite in `{dataDir}/pglite`. */
  databaseUrl: string | undefined;
  /** PGlite's folder (without DATABASE_URL), the archives (`{dataDir}/archives/<user>`). */
  dataDir: string;
  /** 32 bytes: encrypts refresh tokens (AES-256-GCM) and signs session cookies. */
  tokenKey: Buffer;
  target: ApiTarget;
  /** How often the built-in scheduler ticks; 0 for none (an external cron calls POST /tick). */
  tickIntervalSeconds: number;
  /** When set, POST /tick needs `Authorization: Bearer <secret>`; else it answers loopback only. */
  tickSecret: string | undefined;
}

export const KEY_HELP =
  "make one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64'))\" (or: openssl rand -base64 32)";

/** Reads a 32-byte key written as base64 or 64 hex digits; throws ConfigError otherwise. */
export function parseTokenKey(value: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(text) && key.toString("base64") !== text)) {
    throw new ConfigError(
      `TOKEN_ENCRYPTION_KEY must be 32 random bytes as base64 (44 characters) or hex (64 digits), got ${text.length} characters; ${KEY_HELP}`,
    );
  }
  return key;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer of at least ${min}, got ${raw}`);
  }
  return value;
}

/**
 * The emulator's key when none is given: kept in the data folder (mode 0600), so that a restart
 * still reads the stored tokens. Against Google a key must come from the environment.
 */
async function developmentKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, "development-token-key");
  if (existsSync(file)) return parseTokenKey(await readFile(file, "utf8"));
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.getRandomValues(Buffer.alloc(32));
  await writeFile(file, key.toString("base64"), { mode: 0o600, flag: "wx" });
  return key;
}

/**
 * Reads the configuration from the environment, refusing to start against Google without a
 * client secret or a proper TOKEN_ENCRYPTION_KEY.
 *
 * @throws {ConfigError} naming the variable and what it allows.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  const clientId = env["GOOGLE_CLIENT_ID"];
  const clientSecret = env["GOOGLE_CLIENT_SECRET"];
  if (Boolean(clientId) !== Boolean(clientSecret)) {
    throw new ConfigError(
      "set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (a web application client from the Google Cloud console), or neither to use the emulator",
    );
  }
  const target: ApiTarget =
    clientId && clientSecret
      ? { kind: "google", clientId, clientSecret }
      : { kind: "emulator", url: env["EMULATOR_URL"] || undefined };
  const dataDir = path.resolve(env["DATA_DIR"] || "data");
  const rawKey = env["TOKEN_ENCRYPTION_KEY"];
  if (!rawKey && target.kind === "google") {
    throw new ConfigError(
      `TOKEN_ENCRYPTION_KEY is required against Google: it encrypts your users' refresh tokens; ${KEY_HELP}`,
    );
  }
  const tokenKey = rawKey ? parseTokenKey(rawKey) : await developmentKey(dataDir);
  const host = env["HOST"] || "127.0.0.1";
  const port = integer(env, "PORT", 3000, 0);
  const publicUrl = env["PUBLIC_URL"]?.replace(/\/+$/, "") || undefined;
  if (publicUrl !== undefined && !URL.canParse(publicUrl)) {
    throw new ConfigError(`PUBLIC_URL is not a URL: ${publicUrl}`);
  }
  return {
    host,
    port,
    publicUrl,
    databaseUrl: env["DATABASE_URL"] || undefined,
    dataDir,
    tokenKey,
    target,
    tickIntervalSeconds: integer(env, "TICK_INTERVAL_SECONDS", 30, 0),
    tickSecret: env["TICK_SECRET"] || undefined,
  };
}
