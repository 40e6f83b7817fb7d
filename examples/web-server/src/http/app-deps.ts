import type { Google } from "../auth/google.js";
import type { Accounts } from "../db/accounts.js";
import type { ExportsStore } from "../db/exports-store.js";
import type { Log } from "../logger.js";
import type { TickResult } from "../scheduler/scheduler.js";

/** What the routes need; built by `startServer`, or by tests with their own parts. */
export interface AppDeps {
  accounts: Accounts;
  exports: ExportsStore;
  google: Google;
  /** Signs the session cookie. */
  cookieSecret: string;
  /** The address users reach the server at; the OAuth redirect is `{publicUrl}/oauth/callback`. */
  publicUrl: string;
  clock: () => Date;
  log: Log;
  tick: () => Promise<TickResult>;
  /** When set, POST /tick needs `Authorization: Bearer <tickSecret>`; else only loopback may call it. */
  tickSecret: string | undefined;
}
