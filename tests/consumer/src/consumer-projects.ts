import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CodeEntry, PublishedPackage } from "./published-packages.js";

/** Hand-written consumer code, one file per package, copied into the scratch projects. */
export const usageDir = resolve(dirname(fileURLToPath(import.meta.url)), "../usage");

/**
 * The TypeScript settings a consumer is likely to use, one scratch project each. One of them
 * also checks every declaration file (`skipLibCheck: false`); the others would only repeat that
 * work on identical `.d.ts`/`.d.cts` copies.
 */
export const typeScriptModes = {
  "node16-esm": {
    module: "node16",
    moduleResolution: "node16",
    type: "module",
    cjsOnly: false,
    skipLibCheck: false,
  },
  "node16-cjs": {
    module: "node16",
    moduleResolution: "node16",
    type: "commonjs",
    cjsOnly: true,
    skipLibCheck: true,
  },
  bundler: {
    module: "esnext",
    moduleResolution: "bundler",
    type: "module",
    cjsOnly: false,
    skipLibCheck: true,
  },
} as const;

/** A name of one of {@link typeScriptModes}. */
export type TypeScriptMode = keyof typeof typeScriptModes;

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Code entries (subpaths) of the given packages, in a stable order. */
export function codeEntries(packages: readonly PublishedPackage[]): CodeEntry[] {
  return packages.flatMap((pkg) => pkg.entries).filter((entry) => entry.import !== undefined);
}

/**
 * `esm/probe.mjs`: imports every entry and prints the export names of each as JSON;
 * `cjs/probe.cjs`: the same with `require` for every entry that has a `require` condition, or
 * for the specifiers given as arguments.
 */
export function writeRuntimeProbes(dir: string, packages: readonly PublishedPackage[]) {
  const entries = codeEntries(packages);
  write(join(dir, "esm/package.json"), json({ type: "module" }));
  write(
    join(dir, "esm/probe.mjs"),
    [
      ...entries.map((entry, i) => `import * as e${i} from ${JSON.stringify(entry.specifier)};`),
      `const names = (m) => Object.keys(m).sort();`,
      `console.log(JSON.stringify({ ${entries.map((e, i) => `${JSON.stringify(e.specifier)}: names(e${i})`).join(", ")} }));`,
      "",
    ].join("\n"),
  );
  const cjsEntries = entries.filter((entry) => entry.require !== undefined);
  write(join(dir, "cjs/package.json"), json({ type: "commonjs" }));
  write(
    join(dir, "cjs/probe.cjs"),
    [
      `const names = (m) => Object.keys(m).filter((k) => k !== "__esModule").sort();`,
      `const all = ${JSON.stringify(cjsEntries.map((e) => e.specifier))};`,
      `const specifiers = process.argv.length > 2 ? process.argv.slice(2) : all;`,
      `console.log(JSON.stringify(Object.fromEntries(specifiers.map((s) => [s, names(require(s))]))));`,
      "",
    ].join("\n"),
  );
  return { esm: entries.map((e) => e.specifier), cjs: cjsEntries.map((e) => e.specifier) };
}

/**
 * Copies the runtime scenarios, `usage/esm/*.mjs` and `usage/cjs/*.cjs`, into the scratch
 * project's `esm/` and `cjs/` folders; returns their paths relative to the scratch project.
 */
export function copyRuntimeUsage(dir: string): string[] {
  return (["esm", "cjs"] as const).flatMap((kind) => {
    const from = join(usageDir, kind);
    if (!existsSync(from)) return [];
    const files = readdirSync(from).filter((file) => /\.[cm]js$/.test(file));
    mkdirSync(join(dir, kind), { recursive: true });
    for (const file of files) copyFileSync(join(from, file), join(dir, kind, file));
    return files.map((file) => `${kind}/${file}`);
  });
}

/**
 * One TypeScript project per mode: a generated file importing every entry the mode supports,
 * plus the hand-written `usage/ts/<package>.ts(x)` of each package.
 */
export function writeTypeScriptProject(
  dir: string,
  mode: TypeScriptMode,
  packages: readonly PublishedPackage[],
): string {
  const settings = typeScriptModes[mode];
  const projectDir = join(dir, `ts-${mode}`);
  const included = packages.filter((pkg) => !settings.cjsOnly || !pkg.esmOnly);
  const entries = codeEntries(included).filter(
    (entry) => !settings.cjsOnly || entry.require !== undefined,
  );
  write(join(projectDir, "package.json"), json({ type: settings.type }));
  write(
    join(projectDir, "tsconfig.json"),
    json({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        module: settings.module,
        moduleResolution: settings.moduleResolution,
        jsx: "react-jsx",
        strict: true,
        noEmit: true,
        skipLibCheck: settings.skipLibCheck,
        types: ["node"],
      },
      include: ["*.ts", "*.tsx"],
    }),
  );
  write(
    join(projectDir, "entries.ts"),
    [
      ...entries.map((entry, i) => `import * as e${i} from ${JSON.stringify(entry.specifier)};`),
      `export const entries = [${entries.map((_, i) => `e${i}`).join(", ")}];`,
      "",
    ].join("\n"),
  );
  const usage = join(usageDir, "ts");
  if (existsSync(usage)) {
    for (const pkg of included) {
      const base = pkg.name.split("/")[1];
      for (const ext of [".ts", ".tsx"]) {
        const file = join(usage, `${base}${ext}`);
        if (existsSync(file)) copyFileSync(file, join(projectDir, `usage-${base}${ext}`));
      }
    }
  }
  return projectDir;
}
