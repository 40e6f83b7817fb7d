import type { Environment } from "./environment.js";
import { type Aim, meetsAim, type Section } from "./figure.js";
import { formatNumber } from "./format-number.js";
import { summarize } from "./stats.js";

/** Everything BENCHMARKS.md is made from. */
export interface Report {
  environment: Environment;
  /** Load average after the last suite (the start value is in the environment). */
  loadAverageAfter: number[];
  durationMs: number;
  sections: Section[];
  /** Suites that could not run, with the reason. */
  skipped: { title: string; reason: string }[];
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(head), row(head.map(() => "---")), ...rows.map(row)];
}

function aimCells(median: number, aim: Aim | undefined): [string, string] {
  const met = meetsAim(median, aim);
  return [aim ? `${aim.op} ${aim.value}` : "", met === undefined ? "" : met ? "yes" : "**no**"];
}

function renderSection(section: Section): string[] {
  const lines = [`## ${section.title}`, "", section.method, ""];
  if (section.figures.length > 0) {
    const withAims = section.figures.some((figure) => figure.aim !== undefined);
    const head = ["figure", "unit", "min", "median", "max", "runs"];
    if (withAims) head.push("aim", "median meets aim");
    lines.push(
      ...table(
        head,
        section.figures.map((figure) => {
          const s = summarize(figure.values);
          const label = figure.note ? `${figure.label} (${figure.note})` : figure.label;
          const cells = [
            label,
            figure.unit,
            formatNumber(s.min),
            `**${formatNumber(s.median)}**`,
            formatNumber(s.max),
            String(s.runs),
          ];
          if (withAims) cells.push(...aimCells(s.median, figure.aim));
          return cells;
        }),
      ),
      "",
    );
  }
  if (section.ratios.length > 0) {
    lines.push(
      ...table(
        ["ratio (same runs)", "min", "median", "max", "aim", "median meets aim"],
        section.ratios.map((ratio) => {
          const s = summarize(ratio.values);
          return [
            ratio.label,
            formatNumber(s.min),
            `**${formatNumber(s.median)}**`,
            formatNumber(s.max),
            ...aimCells(s.median, ratio.aim),
          ];
        }),
      ),
      "",
    );
  }
  for (const note of section.notes) lines.push(`- ${note}`);
  if (section.notes.length > 0) lines.push("");
  return lines;
}

/**
 * Renders BENCHMARKS.md: how it was measured, the machine, the versions, then one section per
 * suite with min/median/max per figure and run-by-run ratios.
 *
 * @example
 * await writeFile("BENCHMARKS.md", renderReport(report));
 */
export function renderReport(report: Report): string {
  const env = report.environment;
  const lines = [
    "# Benchmarks",
    "",
    "<!-- Written by `pnpm bench` (bench/src/main.ts). Do not edit by hand; run it again. -->",
    "",
    `Measured ${env.date.slice(0, 16).replace("T", " ")} UTC at commit ${env.commit}, in ${formatNumber(report.durationMs / 1000)} s.`,
    "The machine is shared and noisy, so every figure is measured several times in the same run,",
    "contenders take turns round by round (who goes first rotates), and each table gives",
    "min / median / max over the runs. Ratios are computed within each round (contender ÷",
    "baseline of that same round) and then summarised, so a slow moment of the machine hits",
    "both sides of a ratio. Read the medians; min and max show the spread.",
    "",
    "## Machine",
    "",
    ...table(
      ["", ""],
      [
        ["CPU", `${env.cpu}, ${env.cores} cores`],
        [
          "Memory",
          `${formatNumber(env.memoryGiB)} GiB (${formatNumber(env.freeMemoryGiB)} GiB free at start)`,
        ],
        ["OS", env.os],
        ["Node.js", env.node],
        [
          "Load average (1/5/15 min)",
          `${env.loadAverage.map((n) => n.toFixed(2)).join(" / ")} at start, ${report.loadAverageAfter.map((n) => n.toFixed(2)).join(" / ")} at end`,
        ],
      ],
    ),
    "",
    "## Versions",
    "",
    ...table(
      ["package or tool", "version"],
      Object.entries(env.versions).map(([name, version]) => [name, version]),
    ),
    "",
  ];
  for (const section of report.sections) lines.push(...renderSection(section));
  if (report.skipped.length > 0) {
    lines.push("## Not measured in this run", "");
    for (const { title, reason } of report.skipped) lines.push(`- ${title}: ${reason}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
