import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { launchChromium, serveStatic } from "@dataportability/browser-support";
import type { BrowserContext, Page } from "playwright-core";

export const appRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const resultsDir = join(appRoot, "test-results");

/** The built app served on loopback, and a fresh headless Chromium profile. */
export interface AppUnderTest {
  url: string;
  workDir: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, in order. */
  errors: string[];
  /** Phases the export panel showed, however briefly. */
  phases(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Builds the app with `vite build` as users run it (with `env` for its VITE_ variables),
 * serves `dist` on 127.0.0.1 and opens it in headless Chromium.
 */
export async function openApp(env: Record<string, string>): Promise<AppUnderTest> {
  const workDir = await mkdtemp(join(tmpdir(), "dataportability-react-e2e-"));
  const outDir = join(workDir, "dist");
  const vite = join(appRoot, "node_modules", "vite", "bin", "vite.js");
  await promisify(execFile)(
    process.execPath,
    [
      vite,
      "build",
      "--outDir",
      outDir,
      "--emptyOutDir",
      "--sourcemap",
      "false",
      "--logLevel",
      "warn",
    ],
    { cwd: appRoot, env: { ...process.env, NODE_ENV: "production", ...env } },
  );
  const server = await serveStatic(outDir, { spaFallback: true });
  const context = await launchChromium(join(workDir, "profile"), {
    acceptDownloads: true,
    viewport: { width: 1100, height: 1200 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = JSON.parse(sessionStorage.getItem("e2e-phases") ?? "[]");
    Object.assign(window, { __phases: seen });
    new MutationObserver(() => {
      const phase = document.querySelector("[data-testid=phase]")?.getAttribute("data-phase");
      if (phase && seen.at(-1) !== phase) seen.push(phase);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  return {
    url: server.url,
    workDir,
    context,
    page,
    errors,
    phases: () => page.evaluate(() => (window as unknown as { __phases: string[] }).__phases),
    async close() {
      await context.close();
      await server.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
