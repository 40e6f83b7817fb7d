/**
 * The Node.js floor for a download: `http.get` piped into a file, nothing verified, in its own
 * process. argv[2]: JSON `{ url, file }`. Prints one JSON line `{ bytes, ms, cpuMs, maxRssBytes }`.
 */
import { createWriteStream } from "node:fs";
import http from "node:http";
import { pipeline } from "node:stream/promises";

const { url, file } = JSON.parse(process.argv[2] ?? "{}");
const start = process.hrtime.bigint();
const cpu = process.cpuUsage();
let bytes = 0;
await new Promise((resolve, reject) => {
  http
    .get(url, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`HTTP ${response.statusCode}`));
        response.resume();
        return;
      }
      response.on("data", (chunk) => {
        bytes += chunk.length;
      });
      pipeline(response, createWriteStream(file)).then(resolve, reject);
    })
    .on("error", reject);
});
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
process.stdout.write(
  `${JSON.stringify({ bytes, ms, cpuMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
