import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each runtime starts a process (or a browser) on a small shared machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
