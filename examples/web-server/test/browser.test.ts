import { launchChromium } from "@dataportability/browser-support";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
  tempDir,
  testConfig,
} from "./support/harness.js";

describe("the consent round trip in Chromium", () => {
  let emulator: EmulatorServer;
  let database: TestDatabase;
  let server: TestServer;
  let browser: BrowserContext;
  const removals: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    emulator = await createEmulatorServer({ completeAfterPolls: 0 });
    database = await startDatabase("postgres");
    const [dataDir, removeData] = await tempDir("web-server-browser-");
    const [profile, removeProfile] = await tempDir("web-server-chromium-");
    removals.push(removeData, removeProfile);
    server = await startTestServer(testConfig(emulator, database, dataDir));
    browser = await launchChromium(profile);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.stop();
    await emulator?.close();
    for (const remove of removals) await remove();
  });

  it("connects through the emulator's consent screen and shows the export until it is stored", async () => {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/connect`);
    await page.getByLabel("myactivity.search").uncheck();
    await page.getByLabel("chrome.history").check();
    await page.getByRole("button", { name: "Connect Google" }).click();
    await page.waitForURL(/\/exports\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe("Google is preparing your archive");
    expect(await page.locator("body").textContent()).toContain(
      "chrome.history, myactivity.youtube",
    );

    const [session] = await browser.cookies(server.url);
    expect(session).toMatchObject({ name: "dp_session", httpOnly: true, sameSite: "Lax" });

    await server.scheduler.tick();
    await page.reload();
    expect(await page.locator("h1").textContent()).toBe("Done: your archive is stored");
    expect(await page.locator("li").count()).toBe(1);

    await page.goto(`${server.url}/`);
    expect(await page.locator("li a").textContent()).toBe("chrome.history, myactivity.youtube");
  });
});
