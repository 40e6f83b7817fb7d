/**
 * Opens a URL in the user's default browser (through the `open` package: `xdg-open`, `open`,
 * `start`, WSL aware). Resolves once the browser has been launched, not when the page loads.
 *
 * @param url - The page to open.
 * @example
 * ```ts
 * await openBrowser("https://accounts.google.com/o/oauth2/v2/auth?...");
 * ```
 */
export async function openBrowser(url: string): Promise<void> {
  const { default: open } = await import("open");
  const child = await open(url, { wait: false });
  // A missing opener (no desktop) surfaces as an 'error' event, not a rejection.
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", resolve);
    if (child.pid !== undefined) resolve();
  });
  child.unref();
}
