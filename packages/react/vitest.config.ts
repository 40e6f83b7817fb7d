import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Generous: the suites run side by side under turbo on a small shared machine.
    testTimeout: 30_000,
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    typecheck: { enabled: true, include: ["**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
