import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Generous: the suites run side by side under turbo on a small shared machine.
    testTimeout: 30_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
  },
});
