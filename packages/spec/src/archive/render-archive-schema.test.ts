import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { loadArchiveCatalog } from "../../../../scripts/archive-catalog-source.js";
import { GENERATED_HEADER } from "../converter/render-metadata.js";
import { UNCATALOGUED_RESOURCE_GROUPS } from "../generated/archive-schema.gen.js";
import { RESOURCES } from "../generated/metadata.gen.js";
import {
  ArchiveCatalogError,
  parseArchiveService,
  uncoveredResourceGroups,
} from "./archive-catalog.js";
import { renderArchiveSchema } from "./render-archive-schema.js";

const PACKAGE_DIR = join(import.meta.dirname, "../..");
const MODULE_PATH = join(PACKAGE_DIR, "src", "generated", "archive-schema.gen.ts");

/** Type errors of `source` compiled as the generated module, with the package's own settings. */
function typeErrors(source: string): string[] {
  const configPath = join(PACKAGE_DIR, "tsconfig.json");
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  // The module and its runtime checks use the language only: no DOM or Node types to load.
  const options = { ...config.options, lib: ["lib.es2023.d.ts"], types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const isModule = (name: string) => join(name) === MODULE_PATH;
  host.readFile = (name) => (isModule(name) ? source : readFile(name));
  host.getSourceFile = (name, language, onError, fresh) =>
    isModule(name)
      ? ts.createSourceFile(name, source, language, true)
      : getSourceFile(name, language, onError, fresh);
  const program = ts.createProgram({ rootNames: [MODULE_PATH], options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the archive catalog's generated module", () => {
  it("covers every resource group of the pinned revision", async () => {
    const services = await loadArchiveCatalog(undefined, RESOURCES);
    expect(uncoveredResourceGroups(services, RESOURCES)).toEqual([]);
    expect(UNCATALOGUED_RESOURCE_GROUPS).toEqual([]);
  });

  it("type-checks as rendered from the catalog, marked as generated", async () => {
    const services = await loadArchiveCatalog(undefined, RESOURCES);
    const source = renderArchiveSchema(services, uncoveredResourceGroups(services, RESOURCES));
    expect(source.startsWith(GENERATED_HEADER)).toBe(true);
    expect(source).toContain("export const UNCATALOGUED_RESOURCE_GROUPS: readonly string[] = [];");
    expect(typeErrors(source)).toEqual([]);
  });

  it("reports a type error in a broken module, so the check can fail", () => {
    const broken = `${readFileSync(MODULE_PATH, "utf8")}\nexport const broken: number = "text";\n`;
    expect(typeErrors(broken)).toEqual([
      expect.stringContaining("not assignable to type 'number'"),
    ]);
  });
});

describe("CSV preambles and JSON cells in the catalog", () => {
  const service = (object: Record<string, unknown>) => ({
    service: "test",
    title: "Test",
    page: "https://developers.google.com/data-portability/schema-reference/test",
    read: "2026-12-06",
    objects: [
      {
        id: "item",
        title: "Item",
        summary: "An item.",
        formats: ["csv"],
        layout: "csv",
        resourceGroups: { "saved.collections": ["Saved/*.csv"] },
        fields: [
          { name: "Title", type: "string", required: true },
          { name: "Segments", type: "list<object>" },
        ],
        ...object,
      },
    ],
  });

  it("accepts preambleRows on CSV objects only, as a small whole number", () => {
    const parsed = parseArchiveService(service({ preambleRows: 2 }), "test.json", RESOURCES);
    expect(parsed.objects[0]?.preambleRows).toBe(2);
    for (const bad of [
      { preambleRows: 0 },
      { preambleRows: 1.5 },
      { preambleRows: "2" },
      { layout: "json-array", preambleRows: 1 },
    ]) {
      expect(() => parseArchiveService(service(bad), "test.json", RESOURCES)).toThrow(
        ArchiveCatalogError,
      );
    }
  });

  it("renders a structured CSV column as its JSON type, checked as JSON, and the preamble's size", () => {
    const parsed = parseArchiveService(service({ preambleRows: 2 }), "test.json", RESOURCES);
    const source = renderArchiveSchema([parsed]);
    expect(source).toContain("readonly Title: string;");
    expect(source).toContain(
      "readonly Segments?: ReadonlyArray<Readonly<Record<string, unknown>>>;",
    );
    expect(source).toContain('isValueOf(value, "list<object>")');
    expect(source).toContain('isCellOf(value, "string")');
    expect(source).toContain("preambleRows: 2,");
    expect(typeErrors(source)).toEqual([]);
  });
});
