import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic } from "./static-server.js";
import { checkZip } from "./zip-check.js";

// Debian's chromium, installed by scripts/ensure-system-deps.mjs (never a downloaded browser).
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const appRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = join(appRoot, "test-results");

let workDir: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let context: BrowserContext;
let page: Page;
const storageRequests: Request[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "dataportability-react-e2e-"));
  const outDir = join(workDir, "dist");
  // `vite build` as users run it, without VITE_GOOGLE_CLIENT_ID: the app uses the emulator.
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
    { cwd: appRoot, env: { ...process.env, NODE_ENV: "production", VITE_GOOGLE_CLIENT_ID: "" } },
  );
  server = await serveStatic(outDir);
  context = await chromium.launchPersistentContext(join(workDir, "profile"), {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    viewport: { width: 1100, height: 1200 },
  });
  context.on("request", (request) => {
    if (request.url().startsWith("https://storage.googleapis.com/")) storageRequests.push(request);
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  // Records every phase the export panel shows, however briefly.
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __phases: seen });
    new MutationObserver(() => {
      const phase = document.querySelector("[data-testid=phase]")?.getAttribute("data-phase");
      if (phase && seen.at(-1) !== phase) seen.push(phase);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const phase = () => page.getByTestId("phase");
// Jobs complete after two state checks, 1.5 s apart in the demo.
const SOON = { timeout: 10_000 };

describe("example app in headless Chromium", () => {
  it("exports, shows progress, and downloads a valid zip archive", async () => {
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId("mode").textContent(), SOON).toContain("emulator");

    await expect.poll(() => page.locator("input[name=resource]:checked").count()).toBe(2);
    await page.getByRole("button", { name: "Allow access (emulator)" }).click();
    await expect
      .poll(() => page.getByTestId("granted").textContent())
      .toContain("myactivity.youtube, youtube.subscriptions");
    await expect
      .poll(() => page.getByTestId("access-type").textContent())
      .toContain("2 time-based");

    await page.getByRole("button", { name: "Start export" }).click();
    await expect.poll(() => phase().getAttribute("data-phase"), SOON).toBe("waiting");
    const progress = () => page.getByTestId("progress").textContent();
    await expect.poll(progress, SOON).toMatch(/IN_PROGRESS after 1 check\b/);
    await expect.poll(progress, SOON).toMatch(/IN_PROGRESS after 2 checks/);
    await expect.poll(() => phase().getAttribute("data-phase"), SOON).toBe("complete");
    const phases = await page.evaluate(
      () => (window as unknown as { __phases: string[] }).__phases,
    );
    expect(phases).toEqual(["idle", "initiating", "waiting", "complete"]);

    const links = page.getByTestId("archive-link");
    await expect.poll(() => links.count()).toBeGreaterThan(0);
    const href = (await links.first().getAttribute("href")) ?? "";
    expect(href).toMatch(/^https:\/\/storage\.googleapis\.com\/.+\?.*X-Goog-Signature=/);
    await expect.poll(() => page.locator(".archives time").count()).toBe(1);

    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, "react-app-export.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), links.first().click()]);
    expect(download.suggestedFilename()).toBe("archive-1.zip");
    const saved = join(workDir, "archive-1.zip");
    await download.saveAs(saved);
    const entries = checkZip(await readFile(saved));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.size > 0)).toBe(true);

    // The archive came from the signed URL, through the service worker, without a token.
    expect(storageRequests.length).toBeGreaterThan(0);
    for (const request of storageRequests) {
      expect(await request.allHeaders()).not.toHaveProperty("authorization");
    }
    expect(pageErrors).toEqual([]);
  });

  it("shows when the next export is allowed after a second time-based export", async () => {
    await page.getByRole("button", { name: "Start a new export" }).click();
    await expect.poll(() => phase().getAttribute("data-phase"), SOON).toBe("error");
    const note = (await page.getByTestId("next-allowed").textContent()) ?? "";
    expect(note).toContain("The next export is allowed after");
    expect(await page.getByRole("alert").textContent()).toContain("429 RESOURCE_EXHAUSTED");
    await page.screenshot({ path: join(resultsDir, "react-app-rate-limited.png"), fullPage: true });
    // The browser logs the refused request itself; nothing else went wrong.
    expect(pageErrors).toEqual([
      "Failed to load resource: the server responded with a status of 429 (Too Many Requests)",
    ]);
  });
});
