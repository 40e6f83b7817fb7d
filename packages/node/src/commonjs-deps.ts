import { createRequire } from "node:module";
import type * as Crc32 from "@node-rs/crc32";
import type * as Yauzl from "yauzl";

// CommonJS dependencies are loaded with require: importing CommonJS from ESM makes Node 20
// start its export scanner, which costs about 10 MiB of memory for the life of the process.
const load = createRequire(import.meta.url);

/** CRC32C of `input`, continuing from `initial` (from `@node-rs/crc32`, SIMD accelerated). */
export const crc32c: typeof Crc32.crc32c = (load("@node-rs/crc32") as typeof Crc32).crc32c;

let yauzl: typeof Yauzl | undefined;

/** yauzl, loaded on first use so downloads never pay for the zip reader. */
export function loadYauzl(): typeof Yauzl {
  yauzl ??= load("yauzl") as typeof Yauzl;
  return yauzl;
}
