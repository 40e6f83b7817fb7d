import type { Aim, Figure, Ratio, Section } from "./figure.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isNumberArray = (value: Json): value is number[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number");

/** An aim as `{ op: "<=" | ">=", value }`, or undefined for anything else. */
function asAim(value: Json | undefined): Aim | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const { op, value: target } = value;
  return (op === "<=" || op === ">=") && typeof target === "number"
    ? { op, value: target }
    : undefined;
}

function asFigures(list: Json): Figure[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const figures: Figure[] = [];
  for (const [i, item] of list.entries()) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return undefined;
    const values = isNumberArray(item.values ?? null)
      ? (item.values as number[])
      : typeof item.value === "number"
        ? [item.value]
        : undefined;
    if (!values) return undefined;
    const aim = asAim(item.aim);
    figures.push({
      key: String(item.key ?? item.name ?? i),
      label: String(item.label ?? item.name ?? item.key ?? `figure ${i + 1}`),
      unit: String(item.unit ?? ""),
      values,
      ...(item.better === "lower" || item.better === "higher" ? { better: item.better } : {}),
      ...(aim ? { aim } : {}),
    });
  }
  return figures;
}

function asRatios(list: Json): Ratio[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i): Ratio[] => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return [];
    const values = isNumberArray(item.values ?? null)
      ? (item.values as number[])
      : typeof item.value === "number"
        ? [item.value]
        : undefined;
    const aim = asAim(item.aim);
    const label = String(item.label ?? item.name ?? `ratio ${i + 1}`);
    return values ? [{ label, values, ...(aim ? { aim } : {}) }] : [];
  });
}

/** Every number or list of numbers in a JSON document, as figures named by their path. */
function flatten(value: Json, path: string[], out: Figure[], unitHint: string): void {
  if (typeof value === "number") {
    out.push({ key: path.join("."), label: path.join(" › "), unit: unitHint, values: [value] });
  } else if (isNumberArray(value)) {
    out.push({ key: path.join("."), label: path.join(" › "), unit: unitHint, values: value });
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    const unit = typeof value.unit === "string" ? value.unit : unitHint;
    for (const [key, child] of Object.entries(value)) {
      if (key !== "unit") flatten(child, [...path, key], out, unit);
    }
  } else if (Array.isArray(value)) {
    for (const [i, child] of value.entries()) flatten(child, [...path, String(i)], out, unitHint);
  }
}

/**
 * Reads results another bench script wrote as JSON: sections shaped like ours
 * (`{ title, method, figures: [{ label, unit, values }], ratios }`, alone or as a list or under
 * `sections`), or, failing that, any document whose numbers become figures named by path.
 *
 * @example
 * const sections = jsonToSections(JSON.parse(text), "BullMQ");
 */
export function jsonToSections(document: Json, fallbackTitle: string): Section[] {
  const candidates: Json[] = Array.isArray(document)
    ? document
    : document && typeof document === "object" && Array.isArray(document.sections)
      ? document.sections
      : [document];
  const sections: Section[] = [];
  for (const candidate of candidates) {
    if (!candidate || typeof candidate !== "object" || Array.isArray(candidate)) continue;
    const figures = asFigures(candidate.figures ?? null);
    if (!figures) continue;
    sections.push({
      title: String(candidate.title ?? fallbackTitle),
      method: String(candidate.method ?? candidate.description ?? ""),
      figures,
      ratios: asRatios(candidate.ratios ?? null),
      notes: Array.isArray(candidate.notes) ? candidate.notes.map(String) : [],
    });
  }
  if (sections.length > 0) return sections;
  const figures: Figure[] = [];
  flatten(document, [], figures, "");
  return [
    {
      title: fallbackTitle,
      method: "Figures as the script reported them (JSON, one row per number or list of runs).",
      figures,
      ratios: [],
      notes: [],
    },
  ];
}
