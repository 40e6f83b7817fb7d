/** The minified bundles of the built ESM entry points, as modules, and a way to delete them. */
export function importMinifiedBuild(): Promise<{
  index: Record<string, unknown>;
  oauth: Record<string, unknown>;
  remove(): Promise<void>;
}>;
