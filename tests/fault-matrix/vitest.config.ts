import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./src/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.{ts,tsx}"],
    reporters: ["default", new SummaryReporter()],
    // Generous: the suites run side by side under turbo on a small shared machine.
    testTimeout: 30_000,
  },
});
