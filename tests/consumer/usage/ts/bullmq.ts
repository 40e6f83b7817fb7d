// Typed use of @dataportability/bullmq (type-checked, not run).
import {
  createExportQueue,
  createExportWorker,
  type ExportStatus,
  localFolderSink,
  type TokenCallback,
} from "@dataportability/bullmq";

declare const tokens: { accessTokenOf(userId: string): Promise<string | undefined> };

const auth: TokenCallback = (userId) => tokens.accessTokenOf(userId);

export function startWorker() {
  return createExportWorker({
    connection: "redis://127.0.0.1:6379",
    auth,
    sink: localFolderSink("./exports"),
    concurrency: { exports: 20, downloads: 2 },
  });
}

export async function enqueue(userId: string): Promise<ExportStatus | undefined> {
  const queue = createExportQueue({ connection: "redis://127.0.0.1:6379" });
  const { exportId } = await queue.addExport({ userId, resources: ["myactivity.youtube"] });
  const status = await queue.getExport(exportId);
  await queue.close();
  return status;
}
