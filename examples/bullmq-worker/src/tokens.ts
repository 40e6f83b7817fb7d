// The app's token storage: one credentials file per user (mode 0600), as written after each
// user's consent. Workers build a refreshing token provider from it when they need one; the
// tokens never go to Redis.
import type { TokenCallback } from "@dataportability/bullmq";
import { createFileTokenStore, createStoredTokenProvider } from "@dataportability/node";
import { config } from "./config.js";

export const tokenStore = createFileTokenStore({ dir: config.tokensDir });

export const userTokens: TokenCallback = async (userId) => {
  if (!(await tokenStore.load(userId))) return undefined; // the export is dead-lettered
  return createStoredTokenProvider({
    store: tokenStore,
    profile: userId,
    clientId: config.clientId,
    ...(config.clientSecret ? { clientSecret: config.clientSecret } : {}),
    ...(config.tokenUrl
      ? {
          endpoints: { token: config.tokenUrl },
          allowInsecureRequests: config.tokenUrl.startsWith("http:"),
        }
      : {}),
  });
};
