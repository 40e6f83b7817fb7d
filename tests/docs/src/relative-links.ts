import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { headingAnchors, markdownLinks } from "./markdown.js";
import { repoRoot } from "./repo.js";

/**
 * Relative links of a Markdown file that lead nowhere: missing files, links that leave the
 * repository, and `#anchors` that no heading of the target Markdown file produces.
 */
export function brokenRelativeLinks(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const problems: string[] = [];
  for (const { target, line } of markdownLinks(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue;
    const where = `${relative(repoRoot, file)}:${line}`;
    const [path = "", anchor] = target.split("#");
    const resolved = path === "" ? file : resolve(dirname(file), decodeURIComponent(path));
    if (relative(repoRoot, resolved).startsWith("..")) {
      problems.push(`${where}: ${target} leaves the repository`);
      continue;
    }
    if (!existsSync(resolved)) {
      problems.push(`${where}: ${target} does not exist`);
      continue;
    }
    const markdown = statSync(resolved).isDirectory() ? join(resolved, "README.md") : resolved;
    if (anchor && markdown.endsWith(".md") && existsSync(markdown)) {
      if (!headingAnchors(readFileSync(markdown, "utf8")).has(anchor)) {
        problems.push(`${where}: ${target} names a heading that does not exist`);
      }
    }
  }
  return problems;
}
