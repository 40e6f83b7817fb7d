import type { Grant, UserState } from "./grant-store.js";

/** The authenticated caller of an API request. */
export interface Caller {
  readonly grant: Grant;
  readonly user: UserState;
}
