import { inspect } from "node:util";

/**
 * The plain fields of {@link StoredCredentials}, as given to its constructor and to
 * `TokenStore.save`.
 *
 * @example
 * ```ts
 * const data: CredentialsData = {
 *   accessToken: "ya29...",
 *   refreshToken: "1//0g...",
 *   expiresAt: new Date(Date.now() + 3600_000),
 *   scope: "https://www.googleapis.com/auth/dataportability.myactivity.youtube",
 * };
 * ```
 */
export interface CredentialsData {
  /** The OAuth access token sent as `Authorization: Bearer`. */
  accessToken: string;
  /** Needed to get new access tokens without asking the user again (offline access). */
  refreshToken?: string | undefined;
  /** When the access token stops working. */
  expiresAt?: Date | undefined;
  /** Granted scopes, space-separated, as the token endpoint returned them. */
  scope?: string | undefined;
  /** Usually `Bearer`. */
  tokenType?: string | undefined;
  /** The OAuth client the tokens were issued to, so a refresh uses the same one. */
  clientId?: string | undefined;
}

const REDACTED = "[redacted]";

/**
 * OAuth tokens that cannot leak by accident: `JSON.stringify`, `console.log` and
 * `util.inspect` show `[redacted]` instead of the access and refresh tokens. Read the tokens
 * explicitly through the getters.
 *
 * @example
 * ```ts
 * const credentials = new StoredCredentials({ accessToken: "ya29.secret", refreshToken: "1//secret" });
 * JSON.stringify(credentials); // {"accessToken":"[redacted]","refreshToken":"[redacted]"}
 * credentials.accessToken;     // "ya29.secret"
 * credentials.isExpired();     // false (no expiry known)
 * ```
 */
export class StoredCredentials {
  readonly #accessToken: string;
  readonly #refreshToken: string | undefined;
  /** When the access token stops working, if known. */
  readonly expiresAt: Date | undefined;
  /** Granted scopes, space-separated. */
  readonly scope: string | undefined;
  /** Usually `Bearer`. */
  readonly tokenType: string | undefined;
  /** The OAuth client the tokens were issued to. */
  readonly clientId: string | undefined;

  constructor(data: CredentialsData) {
    if (typeof data.accessToken !== "string") {
      throw new TypeError("StoredCredentials: accessToken must be a string");
    }
    this.#accessToken = data.accessToken;
    this.#refreshToken = data.refreshToken || undefined;
    this.expiresAt = data.expiresAt;
    this.scope = data.scope;
    this.tokenType = data.tokenType;
    this.clientId = data.clientId;
  }

  /** The access token. */
  get accessToken(): string {
    return this.#accessToken;
  }

  /** The refresh token, when offline access was granted. */
  get refreshToken(): string | undefined {
    return this.#refreshToken;
  }

  /** The granted scopes as a list. */
  get scopes(): string[] {
    return (this.scope ?? "").split(/\s+/).filter((scope) => scope.length > 0);
  }

  /** True when the access token has expired, or will within `marginMs` (default 60 s). */
  isExpired(now: number = Date.now(), marginMs = 60_000): boolean {
    return this.expiresAt !== undefined && this.expiresAt.getTime() - marginMs <= now;
  }

  /** A copy with some fields replaced; a missing `refreshToken` keeps the current one. */
  with(update: Partial<CredentialsData>): StoredCredentials {
    return new StoredCredentials({
      ...this.toData(),
      ...update,
      refreshToken: update.refreshToken || this.#refreshToken,
    });
  }

  /** Every field including the tokens, for code that must persist them (never log this). */
  toData(): CredentialsData {
    return {
      accessToken: this.#accessToken,
      refreshToken: this.#refreshToken,
      expiresAt: this.expiresAt,
      scope: this.scope,
      tokenType: this.tokenType,
      clientId: this.clientId,
    };
  }

  /** The redacted view used by `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const view: Record<string, unknown> = { accessToken: REDACTED };
    if (this.#refreshToken) view["refreshToken"] = REDACTED;
    if (this.expiresAt) view["expiresAt"] = this.expiresAt.toISOString();
    if (this.scope) view["scope"] = this.scope;
    if (this.tokenType) view["tokenType"] = this.tokenType;
    if (this.clientId) view["clientId"] = this.clientId;
    return view;
  }

  /** The redacted view shown by `console.log` and `util.inspect`. */
  [inspect.custom](): string {
    return `StoredCredentials ${inspect(this.toJSON())}`;
  }

  /** Never the tokens. */
  toString(): string {
    return `StoredCredentials(${this.scopes.length} scopes${this.expiresAt ? `, expires ${this.expiresAt.toISOString()}` : ""})`;
  }
}
