import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { type CodeBlock, codeBlocks, markdownFiles } from "./markdown.js";
import { packageRoot, repoRoot, run } from "./repo.js";

const typeScriptLanguages = new Set(["ts", "tsx", "typescript"]);
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

/** Every TypeScript block of the Markdown files under docs/. */
export function guideExamples(): CodeBlock[] {
  return markdownFiles(join(repoRoot, "docs"))
    .flatMap((file) => codeBlocks(file, repoRoot))
    .filter((block) => typeScriptLanguages.has(block.lang));
}

/** The file a block is written to: `<guide>.<line>.ts(x)`, so errors point back at the guide. */
export function exampleFileName(block: CodeBlock): string {
  const guide = basename(block.file, ".md");
  return `${guide}.line-${block.line}.${block.lang === "tsx" ? "tsx" : "ts"}`;
}

/**
 * Writes each block as its own module into a project inside this package's node_modules (so
 * `@dataportability/*` resolve to the built workspace packages) and type-checks them with tsc,
 * strict, as an app using a bundler would. Returns tsc's diagnostics, one per line.
 */
export async function typeCheckExamples(blocks: readonly CodeBlock[]): Promise<string[]> {
  const dir = join(packageRoot, "node_modules/.cache/guide-examples");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        module: "esnext",
        moduleResolution: "bundler",
        jsx: "react-jsx",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
        types: ["node"],
      },
      include: ["*.ts", "*.tsx"],
    }),
  );
  for (const block of blocks) {
    // `export {}` keeps every block a module with its own scope, even one without imports.
    writeFileSync(join(dir, exampleFileName(block)), `${block.code}\nexport {};\n`);
  }
  const result = await run(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { cwd: dir });
  return `${result.stdout}${result.stderr}`
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      // "getting-started.line-12.ts(3,5): error" -> "docs/guides/getting-started.md:14:5: error"
      const match = /^(.+?)\.line-(\d+)\.tsx?\((\d+),(\d+)\): (.*)$/.exec(line);
      if (!match) return line;
      const block = blocks.find((candidate) =>
        exampleFileName(candidate).startsWith(`${match[1]}.line-${match[2]}.`),
      );
      const lineInGuide = Number(match[2]) + Number(match[3]);
      return `${block?.file ?? match[1]}:${lineInGuide}:${match[4]}: ${match[5]}`;
    });
}

/** Blocks that are tests themselves: they import from `vitest`. */
export function testExamples(blocks: readonly CodeBlock[]): CodeBlock[] {
  return blocks.filter((block) => /from "vitest"/.test(block.code));
}

/**
 * Runs the blocks that are tests (the testing guide's) with Vitest, each as its own test file,
 * against the built packages. Returns Vitest's exit code and output.
 */
export async function runTestExamples(blocks: readonly CodeBlock[]) {
  const dir = join(packageRoot, "node_modules/.cache/guide-tests");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "vitest.config.mjs"),
    'export default { test: { include: ["*.test.ts", "*.test.tsx"], testTimeout: 30000 } };\n',
  );
  for (const block of testExamples(blocks)) {
    writeFileSync(join(dir, exampleFileName(block).replace(/\.(tsx?)$/, ".test.$1")), block.code);
  }
  // A clean environment: the outer Vitest run's variables would confuse the inner one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "TEST"),
  );
  const result = await run(process.execPath, [vitest, "run", "--root", dir], { cwd: dir, env });
  return { code: result.code, output: `${result.stdout}${result.stderr}` };
}
