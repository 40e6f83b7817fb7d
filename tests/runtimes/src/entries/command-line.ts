// The entry Node, Deno and Bun run: `<runtime> command-line.mjs <emulator URL>` prints the report.
import { runCoreFlow } from "../core-flow.js";

declare const Deno: { args: string[] } | undefined;

const emulatorUrl = typeof Deno === "undefined" ? process.argv[2] : Deno.args[0];
if (!emulatorUrl) throw new Error("usage: command-line.mjs <emulator URL>");
console.log(JSON.stringify(await runCoreFlow(emulatorUrl)));
