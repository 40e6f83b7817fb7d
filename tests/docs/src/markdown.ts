import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** A fenced code block in a Markdown file. */
export interface CodeBlock {
  /** Path relative to the repo root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
}

/** Every `.md` file below `dir`, recursively, sorted. */
export function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return markdownFiles(path);
      return name.endsWith(".md") ? [path] : [];
    })
    .sort();
}

/** Fenced code blocks (``` or ~~~) with their language and position. */
export function codeBlocks(path: string, root: string): CodeBlock[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  let open: { fence: string; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, index) => {
    const fence = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(text);
    if (!open && fence) {
      open = { fence: fence[1]!, lang: fence[2] ?? "", line: index + 1, body: [] };
    } else if (open && text.trim().startsWith(open.fence) && text.trim() === open.fence) {
      blocks.push({
        file: relative(root, path),
        line: open.line,
        lang: open.lang,
        code: open.body.join("\n"),
      });
      open = undefined;
    } else if (open) {
      open.body.push(text);
    }
  });
  return blocks;
}

/** Blanks fenced code blocks and inline code (keeping line numbers) so links in code are not read. */
function withoutCode(text: string): string {
  return text
    .replace(/^\s*(```+|~~~+)[\s\S]*?^\s*\1\s*$/gm, (block) => block.replace(/[^\n]/g, ""))
    .replace(/`[^`\n]*`/g, "");
}

/** A Markdown link or image target found in prose. */
export interface MarkdownLink {
  target: string;
  line: number;
}

/** Inline links and images `[text](target)` outside code. */
export function markdownLinks(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  withoutCode(text)
    .split("\n")
    .forEach((line, index) => {
      for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        links.push({ target: match[1]!, line: index + 1 });
      }
    });
  return links;
}

/** GitHub-style heading anchors of a Markdown text (lowercase, punctuation dropped, dashes). */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  for (const match of withoutCode(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = match[1]!
      .replace(/`/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .trim()
      .replace(/\s/g, "-");
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    anchors.add(seen === 0 ? base : `${base}-${seen}`);
  }
  return anchors;
}
