import { defineConfig } from "vite";

// The app runs against the in-browser emulator unless VITE_GOOGLE_CLIENT_ID is set.
export default defineConfig({
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  build: {
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React libraries mark their modules "use client"; that means nothing in a client bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
});
