import { RESOURCES, type Resource } from "@dataportability/core";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ExportPhase, ExportRow } from "../db/exports-store.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Resources ticked on the connect page when nothing was chosen yet. */
export const DEFAULT_RESOURCES: readonly Resource[] = ["myactivity.youtube", "myactivity.search"];

const PHASES: Record<ExportPhase, string> = {
  checking: "Google is preparing your archive",
  downloading: "Downloading your archive",
  resetting: "Stored; ending the one-time access",
  done: "Done: your archive is stored",
  failed: "Stopped",
};

function layout(title: string, body: Html): Html {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
fieldset { border: 1px solid #ccc; margin: 0 0 1rem; }
label { display: inline-block; min-width: 16rem; }
.problem { border-left: 4px solid #b00; padding-left: 1rem; }
.note { border-left: 4px solid #c80; padding-left: 1rem; }
td, th { text-align: left; padding: 0.2rem 1rem 0.2rem 0; }
</style>
</head>
<body>
<p><a href="/">Your exports</a> · <a href="/connect">Export more</a></p>
${body}
</body>
</html>`;
}

/** Resources by product (the part before the first dot). */
function groups(): Map<string, Resource[]> {
  const byProduct = new Map<string, Resource[]>();
  for (const resource of RESOURCES) {
    const product = resource.split(".")[0] ?? resource;
    byProduct.set(product, [...(byProduct.get(product) ?? []), resource]);
  }
  return byProduct;
}

/** The connect page: which resources to export, then off to Google's consent screen. */
export function connectPage(checked: readonly Resource[] = DEFAULT_RESOURCES): Html {
  const fieldsets = [...groups()].map(
    ([group, resources]) => html`<fieldset><legend>${group}</legend>
${resources.map(
  (resource) =>
    html`<label><input type="checkbox" name="resource" value="${resource}"${checked.includes(resource) ? html` checked` : ""}> ${resource}</label> `,
)}
</fieldset>`,
  );
  return layout(
    "Export your Google data",
    html`<h1>Export your Google data</h1>
<p>Choose what to export. Google will ask you to allow access to exactly these; you can untick
some there too. We keep a refresh token, encrypted, until the archive is stored.</p>
<form method="post" action="/connect">
${fieldsets}
<button type="submit">Connect Google</button>
</form>`,
  );
}

function when(date: Date | null): string {
  return date
    ? date
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")
    : "—";
}

function size(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** One export: phase, checks, archives with sizes, and what was not granted. */
export function statusPage(row: ExportRow, missing: readonly Resource[]): Html {
  return layout(
    "Your export",
    html`<h1>${PHASES[row.phase]}</h1>
${
  missing.length > 0
    ? html`<p class="note">You did not allow ${missing.join(", ")}, so ${missing.length === 1 ? "it is" : "they are"} not in this export.
To export ${missing.length === 1 ? "it" : "them"} too, <a href="/connect">connect again</a> and allow ${missing.length === 1 ? "it" : "them"} on Google's screen.</p>`
    : ""
}
${row.error ? html`<p class="problem">${row.error}</p>` : ""}
<table>
<tr><th>Export</th><td>${row.id}</td></tr>
<tr><th>Resources</th><td>${row.resources.join(", ")}</td></tr>
<tr><th>Google's state</th><td>${row.job_state ?? "—"}</td></tr>
<tr><th>Checks so far</th><td>${row.checks}</td></tr>
<tr><th>Last check</th><td>${when(row.last_checked_at)}</td></tr>
<tr><th>Next check</th><td>${when(row.next_check_at)}</td></tr>
<tr><th>Started</th><td>${when(row.created_at)}</td></tr>
</table>
${
  row.archives.length > 0
    ? html`<h2>Archives</h2><ul>${row.archives.map(
        (archive) => html`<li>${archive.name} (${size(archive.bytes)})</li>`,
      )}</ul>`
    : ""
}`,
  );
}

/** The signed-in user's exports. */
export function exportsPage(rows: readonly ExportRow[]): Html {
  return layout(
    "Your exports",
    html`<h1>Your exports</h1>
${
  rows.length === 0
    ? html`<p>Nothing yet. <a href="/connect">Connect Google</a> to export your data.</p>`
    : html`<ul>${rows.map(
        (row) =>
          html`<li><a href="/exports/${row.id}">${row.resources.join(", ")}</a>: ${PHASES[row.phase]}</li>`,
      )}</ul>`
}`,
  );
}

/** An error in plain words, with what to do next. */
export function errorPage(title: string, explanation: string, next?: string): Html {
  return layout(
    title,
    html`<h1>${title}</h1>
<p class="problem">${explanation}</p>
${next ? html`<p>${next}</p>` : ""}
<p><a href="/connect">Start again</a></p>`,
  );
}
