// Loaded by the test page in Chromium: the test calls `window.runCoreFlow(url)`.
import { runCoreFlow } from "../core-flow.js";

Object.assign(globalThis, { runCoreFlow });
