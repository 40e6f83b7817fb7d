import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppUnderTest, openApp } from "./support/browser-harness.js";

let app: AppUnderTest;

beforeAll(async () => {
  app = await openApp({ VITE_GOOGLE_CLIENT_ID: "" });
}, 60_000);
afterAll(() => app?.close());

const activity = (i: number, product: string) => ({
  header: product,
  title: `Watched video ${i}`,
  titleUrl: `https://www.youtube.com/watch?v=${String(i).padStart(11, "0")}`,
  time: `2025-01-0${(i % 9) + 1}T10:00:00.000Z`,
  products: [product],
});

describe("reading an archive in the browser, in headless Chromium", () => {
  it("shows the records of a picked archive, counted per resource group, without uploading it", async () => {
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const zip = zipSync({
      "Portability/My Activity/YouTube/MyActivity.json": encode(
        Array.from({ length: 250 }, (_, i) => activity(i, "YouTube")),
      ),
      "Portability/My Activity/Search/MyActivity.json": encode([
        activity(0, "Search"),
        { ...activity(1, "Search"), time: 5 },
      ]),
    });
    const file = join(app.workDir, "archive-1.zip");
    await writeFile(file, zip);
    const requests: string[] = [];
    app.page.on("request", (request) => requests.push(request.method()));

    const { page } = app;
    await page.goto(app.url);
    requests.length = 0;
    await page.getByTestId("archive-file").setInputFiles(file);
    await expect.poll(() => page.getByTestId("records").getAttribute("data-done")).toBe("true");
    const summary = (await page.getByTestId("records-summary").textContent()) ?? "";
    expect(summary).toContain("archive-1.zip: 251 records");
    expect(summary).toContain("myactivity.youtube 250");
    expect(summary).toContain("myactivity.search 1");
    expect(summary).toContain("1 skipped");
    expect(await page.getByTestId("record-row").count()).toBe(100);
    expect(await page.getByTestId("record-row").first().textContent()).toContain("Watched video 0");
    expect(requests.filter((method) => method !== "GET")).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
