import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Generous: the script tests start Node processes, side by side with other suites.
    testTimeout: 30_000,
  },
});
