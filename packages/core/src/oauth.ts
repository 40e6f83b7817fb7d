export type {
  AuthorizationRequest,
  AuthorizationRequestInput,
} from "./oauth/authorization-request.js";
export { createAuthorizationRequest } from "./oauth/authorization-request.js";
export { OAuthError } from "./oauth/oauth-error.js";
export type { OAuthClientOptions } from "./oauth/oauth-options.js";
export { GOOGLE_OAUTH_ENDPOINTS } from "./oauth/oauth-options.js";
export type { CodeExchangeInput, OAuthTokens } from "./oauth/oauth-tokens.js";
export {
  exchangeAuthorizationCode,
  refreshAccessToken,
  revokeToken,
} from "./oauth/oauth-tokens.js";
export type { RefreshingTokenProviderInput } from "./oauth/refreshing-token-provider.js";
export { createRefreshingTokenProvider } from "./oauth/refreshing-token-provider.js";
