import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The CI machine runs every package's suite at once on two cores.
    testTimeout: 20_000,
    typecheck: { enabled: true, include: ["**/*.test-d.ts"] },
  },
});
