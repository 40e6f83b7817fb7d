import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchiveCatalog } from "../../../scripts/archive-catalog-source.js";
import { renderArchiveSchema } from "../src/archive/render-archive-schema.js";

const FIXTURE_DIR = join(import.meta.dirname, "fixtures", "archive-catalog");

describe("the archive catalog's codegen", () => {
  it("renders a fixture catalog as a stable module", async () => {
    const source = renderArchiveSchema(await loadArchiveCatalog(FIXTURE_DIR), ["widgets.gadgets"]);
    // order.id is in every record, so the order group is too.
    expect(source).toContain(
      "  readonly order: {\n    /** The order's ID. */\n    readonly id: string;",
    );
    expect(source).toMatchSnapshot();
  });

  it("keeps the catalog's objects, layouts and fields as reviewed", async () => {
    // One line per object: a catalog change shows here and is accepted with `vitest -u`.
    const outline = (await loadArchiveCatalog()).flatMap((service) =>
      service.objects.map(
        (object) =>
          `${service.service}.${object.id} ${object.layout} [${object.fields
            .map((field) => `${field.name}:${field.type}${field.required ? "!" : ""}`)
            .join(", ")}]`,
      ),
    );
    expect(outline).toHaveLength(70);
    expect(outline.join("\n")).toMatchSnapshot();
  });
});
