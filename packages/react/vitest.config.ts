import { defineConfig } from "vitest/config";
import { matrixEntry, matrixSources } from "./vitest.matrix.js";

// The hook tests run once per entry: the newest React and TanStack Query, and the lowest ones
// the peer ranges allow (test/version-matrix.test.ts keeps the ranges and the entries in step).
const matrix = [matrixEntry(matrixSources.newest), matrixEntry(matrixSources.lowest)];

export default defineConfig({
  test: {
    // Generous: the suites run side by side under turbo on a small shared machine.
    testTimeout: 30_000,
    environment: "jsdom",
    provide: { allMatrixVersions: matrix.map((entry) => entry.versions) },
    projects: matrix.map((entry, index) => ({
      extends: true,
      resolve: { alias: entry.alias },
      test: {
        name: entry.name,
        provide: { matrix: entry.versions },
        // The first entry runs everything; the others only what renders with React.
        ...(index === 0
          ? {
              include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
              typecheck: {
                enabled: true,
                include: ["**/*.test-d.ts"],
                tsconfig: "./tsconfig.json",
              },
            }
          : { include: ["test/**/*.test.{ts,tsx}"] }),
      },
    })),
  },
});
