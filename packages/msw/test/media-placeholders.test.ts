import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "@dataportability/browser-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaPlaceholder } from "../src/archive/media-placeholder.js";

let profile: string;
let context: Awaited<ReturnType<typeof launchChromium>>;
let page: ReturnType<typeof context.pages>[number];

beforeAll(async () => {
  profile = await mkdtemp(join(tmpdir(), "dp-media-"));
  context = await launchChromium(profile);
  page = context.pages()[0] ?? (await context.newPage());
}, 60_000);
afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
});

const base64 = (name: string) =>
  Buffer.from(mediaPlaceholder(name, "test.object")).toString("base64");

describe("the emulator's media placeholders, decoded by headless Chromium", () => {
  it.each([
    ["a.jpg", "image/jpeg"],
    ["a.png", "image/png"],
    ["a.gif", "image/gif"],
    ["a.webp", "image/webp"],
  ])("%s is a 1×1 image", async (name, type) => {
    const size = await page.evaluate(
      async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return [image.naturalWidth, image.naturalHeight];
      },
      `data:${type};base64,${base64(name)}`,
    );
    expect(size).toEqual([1, 1]);
  });

  it("a.mp3 is audio of two frames", async () => {
    const seconds = await page.evaluate(async (text) => {
      const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
      const audio = await new OfflineAudioContext(1, 44_100, 44_100).decodeAudioData(bytes.buffer);
      return audio.duration;
    }, base64("a.mp3"));
    expect(seconds).toBeCloseTo((2 * 1152) / 44_100, 3);
  });
});
