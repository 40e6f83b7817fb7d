import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts", "src/node.ts"],
    format: ["esm", "cjs"],
    dts: true,
    target: "es2022",
  },
  {
    entry: ["src/bin.ts"],
    format: ["esm"],
    target: "es2022",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
