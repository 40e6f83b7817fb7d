import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { PortabilityClient } from "@dataportability/core";
import type { CliContext } from "../program/cli-context.js";
import { loginStores } from "../session/config-dir.js";
import type { Session } from "../session/session.js";

/**
 * Which job each FAILED job was retried as, kept in the config folder (`retried-jobs.json`,
 * mode 0600) for the server it ran on. The API cannot tell: a retried job only says FAILED.
 * `retry` and `export` write it; `export --resume` follows it to the newest job.
 *
 * @example
 * ```ts
 * const ledger = new RetryLedger("/home/me/.config/dataportability");
 * await ledger.record("111", "222");
 * await ledger.after("111"); // ["222"]
 * ```
 */
export class RetryLedger {
  readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, "retried-jobs.json");
  }

  /** Notes that `failedJobId` was retried as `newJobId`. */
  async record(failedJobId: string, newJobId: string): Promise<void> {
    const retries = { ...(await this.#load()), [failedJobId]: newJobId };
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(retries, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.file);
  }

  /** The jobs that followed `jobId` by retries, oldest first (empty when it was never retried). */
  async after(jobId: string): Promise<string[]> {
    const retries = await this.#load();
    const chain: string[] = [];
    for (let next = retries[jobId]; next && !chain.includes(next); next = retries[next]) {
      chain.push(next);
    }
    return chain;
  }

  async #load(): Promise<Record<string, string>> {
    try {
      const json: unknown = JSON.parse(await readFile(this.file, "utf8"));
      return json && typeof json === "object" ? (json as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) {
        return {};
      }
      throw error;
    }
  }
}

/**
 * The retry ledger of the session's server; `undefined` for the embedded emulator, whose jobs
 * end with the command.
 *
 * @example
 * ```ts
 * const ledger = await retryLedger(ctx, session);
 * ```
 */
export async function retryLedger(
  ctx: CliContext,
  session: Session,
): Promise<RetryLedger | undefined> {
  if (session.kind === "embedded") return undefined;
  const emulatorUrl =
    session.kind === "emulator" ? session.backendId.slice("emulator:".length) : "";
  return new RetryLedger((await loginStores(ctx, emulatorUrl || undefined)).dir);
}

/**
 * The client, with every retry it makes written to the ledger as soon as the server answers.
 *
 * @example
 * ```ts
 * const client = recordingRetries(session.client, ledger);
 * ```
 */
export function recordingRetries(
  client: PortabilityClient,
  ledger: RetryLedger | undefined,
): PortabilityClient {
  if (!ledger) return client;
  return {
    ...client,
    retryArchive: async (jobId, options) => {
      const retried = await client.retryArchive(jobId, options);
      await ledger.record(jobId, retried.archiveJobId);
      return retried;
    },
  };
}
