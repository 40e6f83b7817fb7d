import { timingSafeEqual } from "node:crypto";
import { isResource, type Resource } from "@dataportability/core";
import { createAuthorizationRequest } from "@dataportability/core/oauth";
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import { describeError } from "../logger.js";
import type { AppDeps } from "./app-deps.js";
import { finishConsent } from "./consent-callback.js";
import { connectPage, errorPage, exportsPage, statusPage } from "./pages.js";

const SESSION_COOKIE = "dp_session";
const SESSION_DAYS = 30;
/** How long a user may take on Google's consent screen. */
const CONSENT_TTL_MS = 15 * 60_000;

function isLoopback(address: string | undefined): boolean {
  return address === "::1" || /^127\./.test(address ?? "") || /^::ffff:127\./.test(address ?? "");
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The web app: connect, consent callback, export pages, and POST /tick for an external cron. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const secure = deps.publicUrl.startsWith("https:");

  /** The signed-in user, from the signed session cookie; undefined when missing or forged. */
  const sessionUser = async (c: Context): Promise<string | undefined> => {
    const id = await getSignedCookie(c, deps.cookieSecret, SESSION_COOKIE);
    return typeof id === "string" && (await deps.accounts.userExists(id)) ? id : undefined;
  };
  const startSession = async (c: Context): Promise<string> => {
    const id = await deps.accounts.createUser(deps.clock());
    await setSignedCookie(c, SESSION_COOKIE, id, deps.cookieSecret, {
      httpOnly: true,
      sameSite: "Lax",
      secure,
      path: "/",
      maxAge: SESSION_DAYS * 86_400,
    });
    return id;
  };

  app.onError((error, c) => {
    deps.log(`request ${c.req.method} ${c.req.path} failed: ${describeError(error)}`);
    return c.html(
      errorPage(
        "Something went wrong",
        "The server could not finish this request. Nothing you did caused it.",
        "Try again in a minute; your exports continue in the background.",
      ),
      500,
    );
  });

  app.get("/", async (c) => {
    const user = await sessionUser(c);
    return c.html(user ? exportsPage(await deps.exports.listForUser(user)) : connectPage());
  });

  app.get("/connect", (c) => c.html(connectPage()));

  app.post("/connect", async (c) => {
    const form = await c.req.parseBody({ all: true });
    const chosen = [form["resource"] ?? []].flat().map(String);
    const unknown = chosen.filter((name) => !isResource(name));
    if (chosen.length === 0 || unknown.length > 0) {
      return c.html(
        errorPage(
          "Choose what to export",
          unknown.length > 0
            ? `These are not Data Portability resources: ${unknown.join(", ")}.`
            : "Tick at least one kind of data to export.",
        ),
        400,
      );
    }
    const resources = [...new Set(chosen)] as Resource[];
    const user = (await sessionUser(c)) ?? (await startSession(c));
    const request = await createAuthorizationRequest({
      ...deps.google.oauth,
      redirectUri: `${deps.publicUrl}/oauth/callback`,
      resources,
    });
    await deps.accounts.savePendingConsent(
      user,
      request.state,
      { codeVerifier: request.codeVerifier, resources },
      new Date(deps.clock().getTime() + CONSENT_TTL_MS),
    );
    return c.redirect(request.url.href, 302);
  });

  app.get("/oauth/callback", async (c) => {
    const user = await sessionUser(c);
    if (!user) {
      return c.html(
        errorPage(
          "This sign-in cannot be finished here",
          "This browser has no session from our connect page: cookies may be blocked, or the link was opened in another browser.",
          "Open the connect page in this browser, with cookies allowed, and try again.",
        ),
        400,
      );
    }
    const outcome = await finishConsent(deps, user, new URL(c.req.url).searchParams);
    if (outcome.kind === "export") return c.redirect(`/exports/${outcome.exportId}`, 303);
    return c.html(errorPage(outcome.title, outcome.explanation, outcome.next), outcome.status);
  });

  app.get("/exports/:id", async (c) => {
    const user = await sessionUser(c);
    const row = user ? await deps.exports.forUser(user, c.req.param("id")) : undefined;
    if (!row) {
      return c.html(
        errorPage(
          "No such export",
          "There is no export at this address for you. It may belong to another account, or the link is mistyped.",
        ),
        404,
      );
    }
    return c.html(statusPage(row, row.missing));
  });

  app.post("/tick", async (c) => {
    const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
    const allowed = deps.tickSecret
      ? sameSecret(given, deps.tickSecret)
      : isLoopback(getConnInfo(c).remote.address);
    if (!allowed) return c.json({ error: "POST /tick needs the tick secret" }, 403);
    return c.json(await deps.tick());
  });

  return app;
}
