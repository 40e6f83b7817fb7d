/** The built CommonJS entry points, typed by the sources they are built from. */
export function requireBuilt(): {
  core: typeof import("../../src/index.js");
  oauth: typeof import("../../src/oauth.js");
  internal: typeof import("../../src/internal.js");
};
