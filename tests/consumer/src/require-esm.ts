/**
 * Node 20 before 20.19 cannot `require()` an ES module. Every CommonJS entry must load there
 * too, except those of the packages listed here: a peer dependency they share with the app is
 * itself not loadable with `require()` on those versions. The value says why; the consumer
 * tests prove that reason still holds.
 */
export const commonJsNeedsRequireEsm: Readonly<Record<string, { peer: string; why: string }>> = {
  "@dataportability/msw": {
    peer: "msw",
    why: "msw 2's CommonJS build requires ESM-only packages (rettime)",
  },
};

/**
 * Node's flag that turns `require()` of ES modules off, as on Node 20 before 20.19 (and 22
 * before 22.12), where it was off by default.
 */
export const WITHOUT_REQUIRE_ESM = "--no-experimental-require-module";
