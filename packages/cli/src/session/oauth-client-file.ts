import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The OAuth client a login was made with. Google needs the same client (ID and, for desktop
 * clients, secret) to refresh the login's tokens later.
 *
 * @example
 * ```ts
 * const client: OAuthClientConfig = { clientId: "123.apps.googleusercontent.com", clientSecret: "..." };
 * ```
 */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret?: string | undefined;
}

/**
 * Keeps a profile's {@link OAuthClientConfig} in `<config dir>/clients/<profile>.json`, mode
 * 0600 in a 0700 folder, next to the token store's `credentials/` folder.
 *
 * @example
 * ```ts
 * const file = new OAuthClientFile(configDir);
 * await file.save("default", { clientId, clientSecret });
 * const client = await file.load("default");
 * ```
 */
export class OAuthClientFile {
  constructor(readonly configDir: string) {}

  /** The file of a profile (the name is checked by the token store first). */
  fileFor(profile: string): string {
    return path.join(this.configDir, "clients", `${profile}.json`);
  }

  /** The profile's client, or `undefined`. */
  async load(profile: string): Promise<OAuthClientConfig | undefined> {
    try {
      const json = JSON.parse(
        await readFile(this.fileFor(profile), "utf8"),
      ) as Partial<OAuthClientConfig>;
      return typeof json.clientId === "string"
        ? { clientId: json.clientId, clientSecret: json.clientSecret }
        : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Saves the profile's client with mode 0600. */
  async save(profile: string, client: OAuthClientConfig): Promise<void> {
    const file = this.fileFor(profile);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await chmod(path.dirname(file), 0o700);
    await writeFile(file, `${JSON.stringify(client, null, 2)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }

  /** Removes the profile's client; true when there was one. */
  async delete(profile: string): Promise<boolean> {
    try {
      await rm(this.fileFor(profile));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }
}
