export type { ParsedEmulatorArgs } from "./emulator-args.js";
export { EMULATOR_USAGE, parseEmulatorArgs, parseFault, parseSize } from "./emulator-args.js";
export { CONTROL_PREFIX, controlResponse } from "./emulator-control.js";
export type { EmulatorServer, EmulatorServerOptions } from "./emulator-server.js";
export { createEmulatorServer } from "./emulator-server.js";
