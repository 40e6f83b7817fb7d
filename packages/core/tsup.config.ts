import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/oauth.ts"],
  format: ["esm", "cjs"],
  // The spec package is a build-time source: its constants and types are bundled so the
  // published package depends only on openapi-fetch (and oauth4webapi for ./oauth).
  noExternal: ["@dataportability/spec"],
  dts: { resolve: ["@dataportability/spec"] },
  clean: true,
  target: "es2022",
});
