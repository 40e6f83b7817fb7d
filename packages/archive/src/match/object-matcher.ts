import { ARCHIVE_OBJECTS, type ArchiveObjectInfo } from "@dataportability/spec/archive";
import { namePattern } from "./name-pattern.js";

/**
 * A catalog object that a file of the archive holds, for one resource group.
 *
 * @example
 * ```ts
 * const match: ObjectMatch = { resource: "myactivity.youtube", object: ARCHIVE_OBJECTS[0]! };
 * ```
 */
export interface ObjectMatch {
  readonly resource: string;
  readonly object: ArchiveObjectInfo;
}

interface Candidate extends ObjectMatch {
  readonly test: (name: string) => boolean;
}

const RECORD_FILE = /\.(json|csv)$/i;

/**
 * Finds which catalog object an archive file holds. Names decide first (the catalog's
 * patterns); a `.json` or `.csv` file no pattern claims is offered to the objects of the asked
 * resource groups that could hold it, to be confirmed by its content (`sniff`): Google promises
 * no paths.
 */
export class ObjectMatcher {
  readonly #all: Candidate[];
  readonly #candidates: Candidate[];

  constructor(resources: readonly string[] | undefined) {
    const wanted = resources ? new Set(resources) : undefined;
    this.#all = ARCHIVE_OBJECTS.flatMap((object) =>
      Object.entries(object.resourceGroups).flatMap(([resource, patterns]) =>
        patterns.map((pattern) => ({ resource, object, test: namePattern(pattern) })),
      ),
    );
    this.#candidates = this.#all.filter((candidate) => !wanted || wanted.has(candidate.resource));
  }

  /**
   * What a file's name says it holds: an object of an asked group, `"other"` when a pattern of
   * a group not asked for claims it, or undefined when no pattern does.
   */
  byName(name: string): ObjectMatch | "other" | undefined {
    const found = this.#all.find((candidate) => candidate.test(name));
    if (!found) return undefined;
    if (!this.#candidates.includes(found)) {
      const asked = this.#candidates.find((candidate) => candidate.test(name));
      return asked ? { resource: asked.resource, object: asked.object } : "other";
    }
    return { resource: found.resource, object: found.object };
  }

  /**
   * Objects a file no pattern claims could hold, to be told apart by content: one candidate per
   * object and resource group, records only.
   */
  byContent(name: string): ObjectMatch[] {
    if (!RECORD_FILE.test(name)) return [];
    const csv = name.toLowerCase().endsWith(".csv");
    const seen = new Set<string>();
    const found: ObjectMatch[] = [];
    for (const { resource, object } of this.#candidates) {
      // A single-object JSON file is told apart by its name only: content could be anything.
      const fits = csv ? object.layout === "csv" : object.layout === "json-array";
      const key = `${resource} ${object.key}`;
      if (fits && !seen.has(key)) {
        seen.add(key);
        found.push({ resource, object });
      }
    }
    return found;
  }
}

/**
 * Whether a record's keys (or a CSV header) look like the object's: at least one of its sniff
 * keys, or of its fields when it names none, in any letter case.
 *
 * @example
 * ```ts
 * looksLike(["header", "title", "time"], activityObject); // true
 * ```
 */
export function looksLike(keys: readonly string[], object: ArchiveObjectInfo): boolean {
  const marks =
    object.sniff.length > 0
      ? object.sniff
      : object.fields.map((field) => field.name.split(".")[0]!);
  const lower = new Set(keys.map((key) => key.toLowerCase()));
  return marks.some((mark) => lower.has(mark.toLowerCase()));
}
