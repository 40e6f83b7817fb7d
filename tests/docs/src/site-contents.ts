import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./repo.js";

/** Names of the packages that are published (non-private packages under packages/). */
export function publishedPackageNames(): string[] {
  const dir = join(repoRoot, "packages");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => JSON.parse(readFileSync(join(dir, entry.name, "package.json"), "utf8")))
    .filter((manifest) => !manifest.private)
    .map((manifest) => manifest.name as string)
    .sort();
}

/** The `title` of a Markdown file's front matter, or its first `# heading`. */
export function documentTitle(file: string): string {
  const text = readFileSync(file, "utf8");
  const frontMatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
  const title = /^title:\s*(.+)$/m
    .exec(frontMatter)?.[1]
    ?.trim()
    .replace(/^["']|["']$/g, "");
  return title ?? /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? file;
}

/** Guides (docs/guides/*.md) with their titles, in file order. */
export function guides(): { file: string; title: string }[] {
  const dir = join(repoRoot, "docs/guides");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ file: join(dir, name), title: documentTitle(join(dir, name)) }));
}
