/**
 * Paths a catalog name pattern describes, and whether a pattern claims a path, as the archive
 * reader matches them: case-insensitively against the end of the path at a folder boundary,
 * `*` within one folder, `**` across folders, `{a,b}` literal alternatives.
 */

/**
 * Whether `pattern` claims the entry `path`.
 *
 * @example
 * ```ts
 * claims("My Activity/YouTube/*.json", "Takeout/My Activity/YouTube/MyActivity.json"); // true
 * ```
 */
export function claims(pattern: string, path: string): boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "{") {
      const close = pattern.indexOf("}", i);
      source += `(?:${pattern
        .slice(i + 1, close)
        .split(",")
        .map(literal)
        .join("|")})`;
      i = close;
    } else {
      source += literal(char);
    }
  }
  return new RegExp(`(?:^|/)${source}$`, "i").test(path);
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** What a `*` stands for in the sample paths: nothing, or a word no pattern looks for. */
const FILLERS = ["", "x1"];
/** What a `**\/` stands for: no folder, or one folder no pattern looks for. */
const FOLDERS = ["", "x1/"];

/**
 * The paths a pattern describes with every alternative taken, each `*` empty or a neutral
 * word, and each `**\/` no folder or a neutral one: the names a file of the object can be
 * expected to have.
 *
 * @example
 * ```ts
 * samplePaths("{Shopping,Google Shopping}/*address*.csv"); // ["Shopping/address.csv", …]
 * ```
 */
export function samplePaths(pattern: string): string[] {
  let paths = [""];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    let options: readonly string[];
    if (char === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      options = slash ? FOLDERS : FILLERS;
      i += slash ? 2 : 1;
    } else if (char === "*") {
      options = FILLERS;
    } else if (char === "{") {
      const close = pattern.indexOf("}", i);
      options = pattern.slice(i + 1, close).split(",");
      i = close;
    } else {
      options = [char];
    }
    paths = paths.flatMap((path) => options.map((option) => path + option));
  }
  return paths;
}
