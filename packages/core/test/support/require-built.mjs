import { createRequire } from "node:module";

// Node's own `require`, as a CommonJS consumer of the published package uses it.
const require = createRequire(import.meta.url);

/** Loads the built CommonJS entry points (`dist/index.cjs`, `dist/oauth.cjs`, `dist/internal.cjs`) with `require`. */
export function requireBuilt() {
  return {
    core: require("../../dist/index.cjs"),
    oauth: require("../../dist/oauth.cjs"),
    internal: require("../../dist/internal.cjs"),
  };
}
