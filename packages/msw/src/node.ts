export type { ParsedEmulatorArgs } from "./server/emulator-args.js";
export {
  EMULATOR_USAGE,
  parseEmulatorArgs,
  parseFault,
  parseSize,
} from "./server/emulator-args.js";
export { CONTROL_PREFIX, controlResponse } from "./server/emulator-control.js";
export type { EmulatorServer, EmulatorServerOptions } from "./server/emulator-server.js";
export { createEmulatorServer } from "./server/emulator-server.js";
