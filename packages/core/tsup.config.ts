import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];
type BuildOptions = Parameters<Plugin["setup"]>[0]["initialOptions"];

// With `splitting`, tsup has esbuild write the CommonJS build as ESM chunks (converted after),
// so the output extension, not `format`, says which build a plugin is in.
const isCommonJs = (options: BuildOptions) =>
  options.format === "cjs" || options.outExtension?.[".js"] === ".cjs";

/**
 * openapi-fetch's CommonJS build exports `createClient` as `exports.default` (with
 * `__esModule`), but esbuild gives a `"type": "module"` source Node's interop, where the
 * default import is the whole `module.exports` object. The CommonJS output therefore reads
 * the default through a tiny shim; the ESM output keeps the plain external import.
 */
const openapiFetchDefault: Plugin = {
  name: "openapi-fetch-default",
  setup(build) {
    const cjs = isCommonJs(build.initialOptions);
    build.onResolve({ filter: /^openapi-fetch$/ }, (args) =>
      cjs && args.namespace !== "openapi-fetch-default"
        ? { path: "openapi-fetch", namespace: "openapi-fetch-default" }
        : { path: "openapi-fetch", external: true },
    );
    build.onLoad({ filter: /.*/, namespace: "openapi-fetch-default" }, () => ({
      contents:
        'const m = require("openapi-fetch");\nmodule.exports = m.__esModule ? m.default : m;',
      loader: "js",
    }));
  },
};

/**
 * oauth4webapi is ESM-only, and Node 20 before 20.19 cannot `require()` ESM: the CommonJS build
 * bundles it, the ESM build keeps the plain external import.
 */
const oauth4webapiBundledInCommonJs: Plugin = {
  name: "oauth4webapi-bundled-in-commonjs",
  setup(build) {
    if (isCommonJs(build.initialOptions)) return;
    build.onResolve({ filter: /^oauth4webapi$/ }, () => ({ path: "oauth4webapi", external: true }));
  },
};

export default defineConfig({
  entry: ["src/index.ts", "src/oauth.ts", "src/internal.ts"],
  format: ["esm", "cjs"],
  // Entries share chunks in both formats, so that `instanceof` works across them (an error
  // thrown by the main entry is recognised by `./internal`'s rules).
  splitting: true,
  // The spec package is a build-time source: its constants and types are bundled so the
  // published package depends only on openapi-fetch (and oauth4webapi for ./oauth).
  // openapi-fetch and oauth4webapi are listed so that the plugins, not tsup's externals,
  // resolve them.
  noExternal: ["@dataportability/spec", "openapi-fetch", "oauth4webapi"],
  esbuildPlugins: [openapiFetchDefault, oauth4webapiBundledInCommonJs],
  dts: { resolve: ["@dataportability/spec"] },
  clean: true,
  target: "es2022",
});
