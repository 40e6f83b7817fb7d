import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  external: ["react", "react/jsx-runtime", "@tanstack/react-query", "@dataportability/core"],
});
