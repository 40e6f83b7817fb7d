import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium, installed by scripts/ensure-system-deps.mjs (never a downloaded browser). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, and quiet on this machine's closed network (no background connections). */
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

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
}

/**
 * Starts headless Chromium with a fresh profile in `profileDir`.
 *
 * @example
 * ```ts
 * const context = await launchChromium(await mkdtemp(join(tmpdir(), "profile-")));
 * const page = context.pages()[0] ?? (await context.newPage());
 * ```
 */
export function launchChromium(
  profileDir: string,
  options: LaunchChromiumOptions = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    ...options,
  });
}
