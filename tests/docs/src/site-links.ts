import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

/**
 * Links inside the built site that lead nowhere: a relative `href` or `src` whose file is
 * missing, or whose `#fragment` names no `id` in the target page. External links are not
 * fetched; icon references filled in by the site's script are skipped.
 */
export function brokenSiteLinks(siteDir: string): string[] {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let found = ids.get(file);
    if (!found) {
      const text = existsSync(file) ? readFileSync(file, "utf8") : "";
      found = new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      ids.set(file, found);
    }
    return found;
  };
  const problems: string[] = [];
  for (const file of htmlFiles(siteDir)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const target = match[1]!.replace(/&amp;/g, "&");
      if (target === "" || target === "#" || target.startsWith("#icon-")) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue;
      const [path = "", fragment] = target.split("#");
      const resolved = path === "" ? file : resolve(dirname(file), decodeURIComponent(path));
      const where = `${relative(siteDir, file)}: ${target}`;
      if (!existsSync(resolved)) problems.push(`${where} (no such file)`);
      else if (fragment && !fragment.startsWith("icon-") && resolved.endsWith(".html")) {
        if (!idsOf(resolved).has(decodeURIComponent(fragment)))
          problems.push(`${where} (no such anchor)`);
      }
    }
  }
  return [...new Set(problems)].sort();
}
