export type { LaunchChromiumOptions } from "./launch-chromium.js";
export { launchChromium } from "./launch-chromium.js";
export type { ServeStaticOptions, StaticServer } from "./serve-static.js";
export { serveStatic } from "./serve-static.js";
