const MASK = "[redacted]";

// Shapes of secrets that must never reach a terminal or a log, whatever produced the text.
const PATTERNS: readonly RegExp[] = [
  /\bya29\.[\w.-]+/g, // Google access tokens
  /\b1\/\/[\w.-]{10,}/g, // Google refresh tokens
  /(\bBearer\s+)[\w.~+/=-]+/gi,
  /([?&](?:X-Goog-Signature|X-Goog-Credential|Signature|access_token|refresh_token|id_token|code|client_secret)=)[^&#\s"']+/gi,
  /("(?:access_token|refresh_token|id_token|accessToken|refreshToken|client_secret|clientSecret)"\s*:\s*")[^"]+/g,
];

/**
 * Masks secrets in text before it is written anywhere: the exact token values the command holds
 * (registered with {@link Redactor.add}) and anything shaped like a Google token, a bearer header
 * or a signed-URL signature.
 *
 * @example
 * ```ts
 * const redactor = new Redactor();
 * redactor.add(accessToken);
 * out.write(redactor.redact(`token ${accessToken}`)); // "token [redacted]"
 * ```
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a secret value; values shorter than 8 characters are ignored as too common. */
  add(secret: string | undefined | null): void {
    if (secret && secret.length >= 8) this.#secrets.add(secret);
  }

  /** The text with every known secret and secret-shaped substring masked. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join(MASK);
    for (const pattern of PATTERNS) {
      result = result.replace(pattern, (_match, prefix?: string) =>
        typeof prefix === "string" ? prefix + MASK : MASK,
      );
    }
    return result;
  }
}
