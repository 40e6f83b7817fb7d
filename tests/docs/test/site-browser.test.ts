import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium, type StaticServer, serveStatic } from "@dataportability/browser-support";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { packageRoot } from "../src/repo.js";
import { guides, publishedPackageNames } from "../src/site-contents.js";

const site = inject("site");
const screenshot = join(packageRoot, "test-results/docs-site.png");

let server: StaticServer;
let context: BrowserContext;
let page: Page;
let profile: string;
/** Navigation links of the site: link text -> absolute URL. */
let navigation: Map<string, string>;

beforeAll(async () => {
  server = await serveStatic(site.out);
  profile = mkdtempSync(join(tmpdir(), "dp-docs-chromium-"));
  context = await launchChromium(profile, {
    viewport: { width: 1280, height: 1000 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  const response = await page.goto(server.url);
  expect(response?.status()).toBe(200);
  // TypeDoc fills the sidebar from navigation.js; open every folder so all links are present.
  await page.waitForSelector("#tsd-nav-container a");
  const links = await page.$$eval("#tsd-nav-container a", (anchors) =>
    anchors.map((a) => [a.textContent?.trim() ?? "", (a as HTMLAnchorElement).href] as const),
  );
  navigation = new Map(links);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function visit(url: string): Promise<string> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  return (await page.textContent("h1"))?.trim() ?? "";
}

describe("the built site in headless Chromium", () => {
  it.each(publishedPackageNames())("links %s from the navigation to its page", async (name) => {
    // The sidebar groups packages under a folder for their scope: "@dataportability" > "core".
    const url = navigation.get(name) ?? navigation.get(name.split("/")[1]!);
    expect(url, `no navigation link named ${name}`).toBeDefined();
    expect(await visit(url!)).toContain(name);
    expect(await page.title()).toContain(name);
  });

  it.each(guides().map((guide) => guide.title))("links the guide “%s”", async (title) => {
    const url = navigation.get(title);
    expect(url, `no navigation link named ${title}`).toBeDefined();
    expect(await visit(url!)).toContain(title);
  });

  it("saves a screenshot of the home page with the packages and guides", async () => {
    await page.goto(server.url);
    await page.waitForSelector("#tsd-nav-container a");
    // Open the folders of the sidebar (not every package's symbol list) so that the guides and
    // all packages are in view.
    await page.evaluate(() => {
      for (const details of document.querySelectorAll("#tsd-nav-container details")) {
        const isPackage = details.querySelector(":scope > summary a[href*='modules/']");
        (details as HTMLDetailsElement).open = !isPackage;
      }
    });
    mkdirSync(join(packageRoot, "test-results"), { recursive: true });
    const image = await page.screenshot({ path: screenshot, fullPage: true });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });
});
