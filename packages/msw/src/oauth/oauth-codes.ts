import type { Resource } from "@dataportability/spec";
import { sha256 } from "@noble/hashes/sha2";
import { utf8ToBytes } from "@noble/hashes/utils";
import type { AccessType } from "../api/grant-store.js";
import { bytesToBase64 } from "../archive/crc.js";

/** An authorization code waiting to be exchanged at the token endpoint. */
export interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly resources: readonly Resource[];
  readonly accessType: AccessType;
  readonly oneTimeResources?: readonly Resource[];
  readonly days?: 30 | 180;
  readonly userId: string;
  readonly offline: boolean;
  readonly testingApp: boolean;
  readonly expiresAtMs: number;
}

/** How long an authorization code can be exchanged. */
export const CODE_TTL_MS = 10 * 60 * 1000;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * The S256 PKCE challenge of a verifier: base64url(SHA-256(verifier)) without padding.
 *
 * @example
 * ```ts
 * pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"); // "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
 * ```
 */
export function pkceChallenge(verifier: string): string {
  return bytesToBase64(sha256(utf8ToBytes(verifier)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * Checks a PKCE verifier against the challenge sent to the authorization endpoint; returns the
 * token endpoint's error description, or undefined when it passes.
 *
 * @example
 * ```ts
 * verifyPkce(pkceChallenge(v), v); // undefined
 * verifyPkce(pkceChallenge(v), "wrong"); // "Invalid code verifier."
 * ```
 */
export function verifyPkce(
  challenge: string | undefined,
  verifier: string | null,
): string | undefined {
  if (challenge === undefined) return undefined;
  if (!verifier) return "Missing code verifier.";
  if (!VERIFIER.test(verifier) || pkceChallenge(verifier) !== challenge)
    return "Invalid code verifier.";
  return undefined;
}
