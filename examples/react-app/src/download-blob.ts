/**
 * Fetches an archive with a plain request (no `Authorization` header: signed URLs carry
 * their own credentials) and hands it to the browser as a download.
 */
export async function downloadBlob(url: string, fileName: string): Promise<void> {
  const response = await fetch(url, { credentials: "omit" });
  if (!response.ok) throw new Error(`Download failed: HTTP ${response.status}`);
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; keep the blob a little for slow disks.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}
