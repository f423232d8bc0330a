// The projects of a pnpm workspace: every package (pnpm-workspace.yaml's `packages`) that has a
// tsconfig.json. That file is the package's type-check: it includes its sources and its tests.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { TypecheckError } from "./errors.js";

export interface Project {
  /** The package folder, absolute. */
  readonly dir: string;
  /** Its package.json `name`. */
  readonly name: string;
  /** Its tsconfig.json. */
  readonly config: string;
}

const WORKSPACE_FILE = "pnpm-workspace.yaml";

/** The workspace root: the nearest folder, from `from` up, that has a pnpm-workspace.yaml. */
export function findWorkspaceRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, WORKSPACE_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new TypecheckError(
        `No ${WORKSPACE_FILE} in ${resolve(from)} or any folder above it.`,
        "Run leadkit-typecheck inside a pnpm workspace, or pass --root <workspace folder>.",
      );
    dir = parent;
  }
}

/** A folder as a project, or undefined when it has no tsconfig.json. */
export function projectAt(dir: string): Project | undefined {
  const config = join(dir, "tsconfig.json");
  const manifest = join(dir, "package.json");
  if (!existsSync(config) || !existsSync(manifest)) return undefined;
  const { name } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string };
  return { dir, name: name ?? dir, config };
}

/**
 * Every package of the workspace that has a tsconfig.json, in the order of pnpm-workspace.yaml's
 * patterns, then by folder name. The patterns may be folders (`docs`) or folders' children
 * (`packages/*`); pnpm's other glob forms are refused rather than half understood.
 */
export function workspaceProjects(root: string): Project[] {
  const file = join(root, WORKSPACE_FILE);
  const { packages } = (parse(readFileSync(file, "utf8")) ?? {}) as { packages?: unknown };
  if (!Array.isArray(packages) || !packages.every((entry) => typeof entry === "string"))
    throw new TypecheckError(
      `${WORKSPACE_FILE} has no \`packages\` list of folder patterns.`,
      'List the workspace folders, e.g. packages:\n  - "packages/*"',
    );
  const dirs: string[] = [];
  for (const pattern of packages as string[]) {
    if (pattern.startsWith("!")) continue;
    const children = pattern.endsWith("/*");
    const base = children ? pattern.slice(0, -2) : pattern;
    if (/[*?{}[\]!]/.test(base))
      throw new TypecheckError(
        `${WORKSPACE_FILE}: leadkit-typecheck understands folder patterns (\`docs\`) and their children (\`packages/*\`), not \`${pattern}\`.`,
        "Pass the project folders to check as arguments instead.",
      );
    const folder = join(root, base);
    if (!existsSync(folder)) continue;
    if (!children) dirs.push(folder);
    else
      for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      ))
        if (entry.isDirectory()) dirs.push(join(folder, entry.name));
  }
  const excluded = new Set(
    (packages as string[])
      .filter((pattern) => pattern.startsWith("!"))
      .map((pattern) => join(root, pattern.slice(1))),
  );
  return dirs
    .filter((dir) => !excluded.has(dir))
    .map(projectAt)
    .filter((project): project is Project => project !== undefined);
}

/**
 * The projects that `manifest` (the package whose turbo task runs the check) does not depend on.
 * turbo builds a package before the check only if the checking package depends on it (`^build`),
 * and a project checked against missing or stale builds of its dependencies fails, or passes
 * against yesterday's declarations.
 */
export function missingDependencies(projects: readonly Project[], manifestPath: string): Project[] {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    name?: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
  ]);
  return projects.filter((project) => project.name !== manifest.name && !declared.has(project.name));
}

export function relativeTo(root: string, path: string): string {
  return relative(root, path).replaceAll("\\", "/") || ".";
}
