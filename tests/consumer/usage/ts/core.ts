// Typed use of @dataportability/core as an app writes it (type-checked, not run).
import {
  type ArchiveState,
  createPortabilityClient,
  type ExportResult,
  exportArchive,
  PortabilityApiError,
  pollArchive,
  type Resource,
  resumeArchivePoller,
  type SerializedPoller,
  scopesFor,
} from "@dataportability/core";
import {
  createAuthorizationRequest,
  createRefreshingTokenProvider,
  type OAuthTokens,
} from "@dataportability/core/oauth";

const resources: Resource[] = ["myactivity.youtube", "myactivity.search"];
export const scopes: string[] = scopesFor(resources);

export async function exportFor(accessToken: string): Promise<ExportResult> {
  const client = createPortabilityClient({ auth: async () => accessToken });
  try {
    return await exportArchive(client, { resources, retryFailed: true });
  } catch (error) {
    if (error instanceof PortabilityApiError && error.nextAllowedAt) {
      throw new Error(`next export allowed at ${error.nextAllowedAt.toISOString()}`);
    }
    throw error;
  }
}

export async function pollThenResume(accessToken: string, jobId: string): Promise<ArchiveState> {
  const client = createPortabilityClient({ auth: accessToken });
  const poller = pollArchive(client, jobId);
  const saved: SerializedPoller = poller.serialize();
  poller.stop();
  return resumeArchivePoller(client, JSON.parse(JSON.stringify(saved)));
}

export async function signIn(clientId: string, redirectUri: string) {
  const request = await createAuthorizationRequest({ clientId, redirectUri, resources });
  const url: URL | string = request.url;
  return { url, state: request.state, codeVerifier: request.codeVerifier };
}

export function clientFromTokens(clientId: string, clientSecret: string, tokens: OAuthTokens) {
  const { refreshToken } = tokens;
  if (!refreshToken) throw new Error("the consent did not grant offline access");
  return createPortabilityClient({
    auth: createRefreshingTokenProvider({
      clientId,
      clientSecret,
      tokens: { ...tokens, refreshToken },
    }),
  });
}
