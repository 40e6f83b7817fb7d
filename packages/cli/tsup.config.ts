import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm"],
  // src/bin.ts starts with `#!/usr/bin/env node`; tsup keeps it and marks the file executable.
  dts: { entry: "src/index.ts" },
  clean: true,
  target: "es2022",
});
