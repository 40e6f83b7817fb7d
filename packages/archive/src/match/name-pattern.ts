/**
 * Compiles a catalog file pattern into a test on entry names: matched case-insensitively
 * against the end of the path, whole folders only, with `*` inside one folder, `**` across
 * folders and `{a,b}` alternatives.
 *
 * @example
 * ```ts
 * namePattern("My Activity/YouTube/*.json")("Portability/My Activity/YouTube/MyActivity.json"); // true
 * ```
 */
export function namePattern(pattern: string): (name: string) => boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*" && pattern[i + 1] === "*") {
      source += pattern[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += pattern[i + 2] === "/" ? 2 : 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "{") {
      const close = pattern.indexOf("}", i);
      const options = pattern.slice(i + 1, close).split(",");
      source += `(?:${options.map((option) => option.replace(/[.+?^$()|[\]\\]/g, "\\$&")).join("|")})`;
      i = close;
    } else {
      source += char.replace(/[.+?^$()|[\]\\]/g, "\\$&");
    }
  }
  const regex = new RegExp(`(?:^|/)${source}$`, "i");
  return (name) => regex.test(name);
}
