import type { Resource } from "@dataportability/core";

/**
 * A browser without a screen: keeps the app's cookies, follows no redirect by itself, so a
 * test can look at (or tamper with) each step of the consent round trip.
 */
export class CookieClient {
  readonly cookies = new Map<string, string>();

  /** A request to `url`, with the cookies kept for the app's origin; stores the ones set. */
  async request(url: string, init: RequestInit = {}, withCookies = true): Promise<Response> {
    const headers = new Headers(init.headers);
    if (withCookies && this.cookies.size > 0) {
      headers.set(
        "cookie",
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      );
    }
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /**
   * Submits the connect form and goes through the emulator's consent screen; returns the
   * callback URL Google would send the browser to, not yet opened.
   */
  async consent(appUrl: string, resources: readonly Resource[]): Promise<string> {
    const form = new URLSearchParams(resources.map((resource) => ["resource", resource]));
    const toGoogle = await this.request(`${appUrl}/connect`, { method: "POST", body: form });
    if (toGoogle.status !== 302) throw new Error(`connect answered ${toGoogle.status}`);
    // Google's screen is another origin: the app's cookies do not go there.
    const back = await this.request(toGoogle.headers.get("location")!, {}, false);
    if (back.status !== 302) throw new Error(`the consent screen answered ${back.status}`);
    return back.headers.get("location")!;
  }

  /** The whole round trip: consent, then the callback; returns the export's page path. */
  async connect(appUrl: string, resources: readonly Resource[]): Promise<string> {
    const done = await this.request(await this.consent(appUrl, resources));
    if (done.status !== 303) {
      throw new Error(`the callback answered ${done.status}: ${await done.text()}`);
    }
    return done.headers.get("location")!;
  }
}
