import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppUnderTest, openApp, resultsDir } from "./support/browser-harness.js";
import { checkZip } from "./support/zip-check.js";

let app: AppUnderTest;
const storageRequests: Request[] = [];
// Jobs complete after two state checks, 1.5 s apart in the demo.
const SOON = { timeout: 10_000 };

beforeAll(async () => {
  // Without VITE_GOOGLE_CLIENT_ID the app runs against the emulator inside the page.
  app = await openApp({ VITE_GOOGLE_CLIENT_ID: "" });
  app.context.on("request", (request) => {
    if (request.url().startsWith("https://storage.googleapis.com/")) storageRequests.push(request);
  });
}, 60_000);

afterAll(() => app?.close());

describe("example app against the in-browser emulator, in headless Chromium", () => {
  it("exports, shows progress, and downloads a valid zip archive", async () => {
    const { page } = app;
    const phase = () => page.getByTestId("phase").getAttribute("data-phase");
    await page.goto(app.url);
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
    await expect.poll(phase, SOON).toBe("waiting");
    const progress = () => page.getByTestId("progress").textContent();
    await expect.poll(progress, SOON).toMatch(/IN_PROGRESS after 1 check\b/);
    await expect.poll(progress, SOON).toMatch(/IN_PROGRESS after 2 checks/);
    await expect.poll(phase, SOON).toBe("complete");
    expect(await app.phases()).toEqual(["idle", "initiating", "waiting", "complete"]);

    const links = page.getByTestId("archive-link");
    await expect.poll(() => links.count()).toBeGreaterThan(0);
    const href = (await links.first().getAttribute("href")) ?? "";
    expect(href).toMatch(/^https:\/\/storage\.googleapis\.com\/.+\?.*X-Goog-Signature=/);
    await expect.poll(() => page.locator(".archives time").count()).toBe(1);

    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, "react-app-export.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), links.first().click()]);
    expect(download.suggestedFilename()).toBe("archive-1.zip");
    const saved = join(app.workDir, "archive-1.zip");
    await download.saveAs(saved);
    const entries = checkZip(await readFile(saved));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.size > 0)).toBe(true);

    // The archive came from the signed URL, through the service worker, without a token.
    expect(storageRequests.length).toBeGreaterThan(0);
    for (const request of storageRequests) {
      expect(await request.allHeaders()).not.toHaveProperty("authorization");
    }
    expect(app.errors).toEqual([]);
  });

  it("shows when the next export is allowed after a second time-based export", async () => {
    const { page } = app;
    await page.getByRole("button", { name: "Start a new export" }).click();
    await expect
      .poll(() => page.getByTestId("phase").getAttribute("data-phase"), SOON)
      .toBe("error");
    const note = (await page.getByTestId("next-allowed").textContent()) ?? "";
    expect(note).toContain("The next export is allowed after");
    expect(await page.getByRole("alert").textContent()).toContain("429 RESOURCE_EXHAUSTED");
    await page.screenshot({ path: join(resultsDir, "react-app-rate-limited.png"), fullPage: true });
    // The browser logs the refused request itself; nothing else went wrong.
    expect(app.errors).toEqual([
      "Failed to load resource: the server responded with a status of 429 (Too Many Requests)",
    ]);
  });
});
