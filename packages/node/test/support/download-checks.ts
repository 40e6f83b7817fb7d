import { expect } from "vitest";
import type { TestEmulator } from "./emulator.js";

/** Asserts that `sha256` is the hash of the archive the emulator serves at `url`. */
export async function expectServed(e: TestEmulator, url: string, sha256: string | undefined) {
  expect(sha256).toBe((await e.server.emulator.expectedArchive(url)).sha256);
}

/** The emulator's log of storage requests (downloads), oldest first. */
export function storageRequests(e: TestEmulator) {
  return e.server.emulator.requests.filter((entry) => entry.area === "storage");
}
