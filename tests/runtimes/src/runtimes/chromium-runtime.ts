import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, serveStatic } from "@dataportability/browser-support";
import type { FlowReport } from "../flow-report.js";
import type { FlowRun, RuntimeUnderTest } from "./runtime-under-test.js";

/**
 * Opens the flow's page from a loopback origin (a secure context, as Web Crypto needs) in
 * headless Chromium and runs the flow there: every request is a cross-origin fetch to the
 * emulator, under CORS like a web app's calls to Google.
 */
async function runInChromium(pageDir: string, emulatorUrl: string): Promise<FlowRun> {
  const profile = await mkdtemp(join(tmpdir(), "dp-runtimes-chromium-"));
  const site = await serveStatic(pageDir);
  const context = await launchChromium(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(site.url);
    await page.waitForFunction(() => "runCoreFlow" in globalThis);
    const report = await page
      .evaluate(
        (url) =>
          (globalThis as unknown as { runCoreFlow(url: string): Promise<FlowReport> }).runCoreFlow(
            url,
          ),
        emulatorUrl,
      )
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\npage errors: ${errors.join("\n")}`);
      });
    // The user agent rounds the version (156.0.0.0); the browser tells the full one.
    const cdp = await context.newCDPSession(page);
    const { product } = await cdp.send("Browser.getVersion");
    return { report, version: product.replace(/^\D+\//, "") };
  } finally {
    await context.close();
    await site.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** Debian's Chromium, headless, driven by playwright-core. */
export const chromiumRuntime: RuntimeUnderTest = {
  name: "Chromium",
  how: "headless Debian Chromium, the flow bundled by esbuild for browsers, loaded from a loopback page",
  userAgent: /HeadlessChrome\//,
  run: (bundles, url) => runInChromium(bundles.browserPage, url),
};
