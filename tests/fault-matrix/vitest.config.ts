import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./src/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.{ts,tsx}"],
    reporters: ["default", new SummaryReporter()],
  },
});
