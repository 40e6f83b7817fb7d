import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", errors: "src/error-classes.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  // import.meta.url in the CommonJS build (used to load CommonJS dependencies with require).
  shims: true,
  // p-limit is ESM-only; bundling it (a few lines) keeps the CommonJS build loadable on every Node 20.
  noExternal: ["p-limit", "yocto-queue"],
});
