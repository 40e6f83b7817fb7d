// usage: node serve.mjs '{"archiveBytes":..., "faults":[...]}'  -> prints JSON {url, archiveUrl, jobId}
import { createEmulatorServer } from "@dataportability/msw/node";
import { createPortabilityClient } from "@dataportability/core";
const options = JSON.parse(process.argv[2] ?? "{}");
const server = await createEmulatorServer({ port: 0, completeAfterPolls: 0, archivesPerJob: 1, ...options });
const token = server.emulator.issueToken({ resources: ["myactivity.youtube"], expiresInMs: 86400000 });
const client = createPortabilityClient({ auth: token.accessToken, baseUrl: server.url });
const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
const { urls } = await client.getArchiveState(archiveJobId);
// warm-up digest
const r = await fetch(urls[0], { headers: { range: "bytes=0-0" } }); await r.arrayBuffer();
process.stdout.write(JSON.stringify({ url: urls[0], jobId: archiveJobId }) + "\n");
const cpu0 = process.cpuUsage();
process.on("SIGTERM", () => { const u = process.cpuUsage(cpu0); process.stderr.write(`server cpu ${(u.user+u.system)/1e6}s\n` + server.emulator.requests.filter((r) => r.area === "storage").map((r) => r.range ?? "-").join(" ") + "\n"); void server.close().then(() => process.exit(0)); });
if (process.env.SRVPROF) {
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const s = new Session(); s.connect(); await s.post("Profiler.enable"); await s.post("Profiler.start");
  process.on("SIGUSR2", async () => { const { profile } = await s.post("Profiler.stop"); writeFileSync(process.env.SRVPROF, JSON.stringify(profile)); process.stderr.write("profile written\n"); });
}
