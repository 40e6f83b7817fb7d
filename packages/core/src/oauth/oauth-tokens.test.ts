import { expectError } from "@dataportability/test-support";
import { describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { OAuthError } from "./oauth-error.js";
import { exchangeAuthorizationCode, revokeToken } from "./oauth-tokens.js";
import { createRefreshingTokenProvider } from "./refreshing-token-provider.js";

/** A fetch that must not be called: these inputs are refused before any request. */
const noRequest = () => vi.fn(async () => Response.json({}));

describe("refused before any request", () => {
  it("turns a callback whose state differs into an OAuthError naming the state", async () => {
    const fetch = noRequest();
    const error = await exchangeAuthorizationCode({
      clientId: "c",
      fetch,
      redirectUri: "http://127.0.0.1:1/cb",
      codeVerifier: "v".repeat(43),
      callbackUrl: "http://127.0.0.1:1/cb?code=stolen-code&state=forged",
      expectedState: "sent",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ error: "invalid_response", httpStatus: undefined });
    expect((error as Error).message).toMatch(/"state"/);
    expect(JSON.stringify(error)).not.toContain("stolen-code");
    expect((error as Error).cause).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(["", "   ", undefined])("refuses to revoke the token %j", async (token) => {
    const fetch = noRequest();
    const error = await expectError(
      revokeToken({ clientId: "c", fetch, token: token as never }),
      InvalidArgumentError,
    );
    expect(error.field).toBe("token");
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(["", undefined])(
    "refuses a refreshing provider without a refresh token (%j)",
    (refreshToken) => {
      expect(() =>
        createRefreshingTokenProvider({
          clientId: "c",
          tokens: { refreshToken: refreshToken as never },
        }),
      ).toThrow(InvalidArgumentError);
      expect(() =>
        createRefreshingTokenProvider({ clientId: "c", tokens: undefined as never }),
      ).toThrow(/tokens\.refreshToken: missing/);
    },
  );
});
