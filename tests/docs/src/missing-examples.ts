/** The parts of TypeDoc's JSON model this check reads. */
interface JsonReflection {
  name: string;
  kind: number;
  variant?: string;
  comment?: { blockTags?: { tag: string }[] };
  signatures?: JsonReflection[];
  children?: JsonReflection[];
  getSignature?: JsonReflection;
  sources?: { fileName: string }[];
}

// TypeDoc's ReflectionKind values used below.
const kind = { Project: 1, Module: 2, Namespace: 4, Reference: 4194304 };

function hasExample(reflection: JsonReflection): boolean {
  const tagged = (r: JsonReflection | undefined) =>
    r?.comment?.blockTags?.some((tag) => tag.tag === "@example") ?? false;
  return (
    tagged(reflection) ||
    (reflection.signatures ?? []).some(tagged) ||
    tagged(reflection.getSignature)
  );
}

// Generated files (`*.gen.ts`) stay as their generator writes them, so they are exempt.
const isGenerated = (reflection: JsonReflection) =>
  reflection.sources?.some((source) => /\.gen\.ts$/.test(source.fileName)) ?? false;

/**
 * Every exported symbol, by package (and entry point), whose documentation has no `@example`:
 * top-level declarations of each module, signatures included; re-exports (references) are
 * checked where they are declared, and declarations of generated files are exempt.
 */
export function missingExamples(project: JsonReflection): string[] {
  const missing: string[] = [];
  const visit = (module: JsonReflection, path: string) => {
    for (const child of module.children ?? []) {
      if (child.kind === kind.Module || child.kind === kind.Namespace) {
        visit(child, `${path}/${child.name}`);
      } else if (child.kind !== kind.Reference && !isGenerated(child) && !hasExample(child)) {
        missing.push(`${path}: ${child.name}`);
      }
    }
  };
  const packages =
    project.children?.every((child) => child.kind === kind.Module) && project.kind === kind.Project
      ? project.children
      : [project];
  for (const pkg of packages) visit(pkg, pkg.name);
  return missing.sort();
}
