import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppUnderTest, openApp, resultsDir } from "./support/browser-harness.js";
import { checkZip } from "./support/zip-check.js";

let emulator: EmulatorServer;
let app: AppUnderTest;
const SOON = { timeout: 10_000 };

beforeAll(async () => {
  // The consent screen grants one of the two requested resources (partial consent), and jobs
  // are COMPLETE at the first check so the SDK's default schedule (minutes) does not matter.
  emulator = await createEmulatorServer({
    completeAfterPolls: 0,
    consent: { grant: ["myactivity.youtube"], accessType: "ONE_TIME" },
  });
  app = await openApp({
    VITE_GOOGLE_CLIENT_ID: "e2e-client.apps.googleusercontent.com",
    VITE_DATAPORTABILITY_EMULATOR_URL: emulator.url,
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await emulator?.close();
});

describe("example app with Google's sign-in flow, against the emulator over HTTP", () => {
  it("signs in with PKCE, reports partial consent, exports and downloads through a plain link", async () => {
    const { page } = app;
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId("mode").textContent(), SOON).toContain(emulator.url);

    await page.getByRole("button", { name: "Sign in with Google" }).click();
    // To the emulator's authorization endpoint and back with a code, exchanged with the verifier.
    await expect
      .poll(() => page.getByTestId("granted").textContent(), SOON)
      .toContain("Access granted for 1 resource group: myactivity.youtube");
    expect(await page.getByText("Not granted, so not exported").textContent()).toContain(
      "youtube.subscriptions",
    );
    expect(page.url()).toBe(app.url);
    const authorize = emulator.emulator.requests.find((r) => r.operation === "authorize");
    expect(authorize?.url).toContain("code_challenge_method=S256");
    expect(authorize?.url).toMatch(/[?&]state=/);

    await page.getByRole("button", { name: "Start export" }).click();
    await expect
      .poll(() => page.getByTestId("phase").getAttribute("data-phase"), SOON)
      .toBe("complete");
    const link = page.getByTestId("archive-link").first();
    expect(await link.getAttribute("href")).toMatch(
      new RegExp(`^${emulator.storageUrl}/.+X-Goog-Signature=`),
    );
    await mkdir(resultsDir, { recursive: true });
    await page.screenshot({ path: join(resultsDir, "react-app-oauth.png"), fullPage: true });

    // Against Google the link is followed as is: a plain GET of the signed URL.
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const saved = join(app.workDir, "oauth-archive.zip");
    await download.saveAs(saved);
    expect(checkZip(await readFile(saved)).length).toBeGreaterThan(0);
    const downloads = emulator.emulator.requests.filter((r) => r.area === "storage");
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((r) => !r.authorization && r.status === 200)).toBe(true);
    expect(app.errors).toEqual([]);
  });
});
