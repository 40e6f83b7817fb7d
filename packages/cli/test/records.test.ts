import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { runCli, tempDir } from "./support/run-cli.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let out: string;
beforeAll(async () => {
  tmp = await tempDir();
  out = path.join(tmp.dir, "exports");
  const exported = await runCli(
    ["--emulator", "export", "-r", "myactivity.youtube,myactivity.search", "--out", out],
    { env: { DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config") } },
  );
  expect(exported.code, exported.stderr).toBe(EXIT_CODES.ok);
});
afterAll(() => tmp.remove());

describe("records", () => {
  it("prints every record of a folder of archives as NDJSON, typed by resource group", async () => {
    const result = await runCli(["records", out]);
    expect(result.code, result.stderr).toBe(EXIT_CODES.ok);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(10);
    expect(new Set(lines.map((line) => line.resource))).toEqual(
      new Set(["myactivity.youtube", "myactivity.search"]),
    );
    expect(lines[0]).toMatchObject({
      object: "my_activity.activity",
      index: 0,
      record: { header: expect.any(String) },
    });
    expect(result.stderr).toMatch(new RegExp(`${lines.length} records from 2 archives`));
  });

  it("keeps to the asked resource group and prints CSV with a header row", async () => {
    const result = await runCli(["records", out, "-r", "myactivity.search", "--format", "csv"]);
    expect(result.code, result.stderr).toBe(EXIT_CODES.ok);
    const [header, first] = result.stdout.split("\n");
    expect(header).toMatch(/^resource,file,index,header,title,titleUrl,time/);
    expect(first).toMatch(/^myactivity\.search,Portability\/My Activity\/Search\//);
  });

  it("refuses a path that is not there, and a file that is not a zip, with what to do", async () => {
    const missing = await runCli(["records", path.join(tmp.dir, "nowhere")]);
    expect(missing.code).toBe(EXIT_CODES.usage);
    expect(missing.stderr).toContain("does not exist");
    const page = path.join(tmp.dir, "portal.zip");
    await writeFile(page, "<!doctype html><title>Sign in to the Wi-Fi</title>");
    const notZip = await runCli(["records", page]);
    expect(notZip.code).not.toBe(EXIT_CODES.ok);
    expect(notZip.stderr).toContain("not a zip archive");
  });
});

describe("export --records", () => {
  it("writes the records of every archive to an NDJSON file as the archives arrive", async () => {
    const file = path.join(tmp.dir, "records", "youtube.ndjson");
    const result = await runCli(
      [
        "--emulator",
        "export",
        "-r",
        "myactivity.youtube",
        "--out",
        path.join(tmp.dir, "with-records"),
        "--records",
        file,
      ],
      { env: { DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config") } },
    );
    expect(result.code, result.stderr).toBe(EXIT_CODES.ok);
    const lines = (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => line.resource === "myactivity.youtube")).toBe(true);
    expect(result.stderr).toContain(`Wrote ${lines.length} records to ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("refuses a records path that cannot be written before the job starts", async () => {
    const blocker = path.join(tmp.dir, "blocker");
    await writeFile(blocker, "a file, not a folder");
    const result = await runCli(
      [
        "--emulator",
        "export",
        "-r",
        "myactivity.youtube",
        "--out",
        path.join(tmp.dir, "blocked"),
        "--records",
        path.join(blocker, "r.ndjson"),
      ],
      { env: { DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config") } },
    );
    expect(result.code).toBe(EXIT_CODES.disk);
    expect(result.stderr).toContain(blocker);
    expect(result.stderr).not.toMatch(/Started export job/);
  });
});
