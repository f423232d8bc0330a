// leadkit-typecheck: the workspace's type-check (`pnpm typecheck`, and part of `pnpm test`), every
// project in one TypeScript process. See ../README.md.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkProjects, type ProjectResult } from "./check.js";
import { TypecheckError } from "./errors.js";
import {
  findWorkspaceRoot,
  missingDependencies,
  type Project,
  projectAt,
  relativeTo,
  workspaceProjects,
} from "./workspace.js";

const USAGE = `Usage: leadkit-typecheck [<package folder>...] [--root <workspace folder>]

Type-checks each package's tsconfig.json as \`tsc -p tsconfig.json --noEmit\` does, all of them in
one process that parses each declaration file once. With no folders: every package of the
workspace (pnpm-workspace.yaml) that has a tsconfig.json.
Exit 0: no errors; 1: type errors (printed as tsc prints them); 2: bad input.`;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** This package's folder (dist/cli.js or src/cli.ts is one level down). */
const OWN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function selectProjects(root: string, folders: readonly string[], cwd: string, ownDir: string): Project[] {
  if (folders.length === 0) {
    const projects = workspaceProjects(root);
    // Run as the workspace's turbo task (this package is in the workspace): turbo has built only
    // what this package depends on.
    if (projects.some((project) => project.dir === ownDir)) {
      const missing = missingDependencies(projects, join(ownDir, "package.json"));
      if (missing.length > 0)
        throw new TypecheckError(
          `${relativeTo(root, join(ownDir, "package.json"))} does not depend on ${missing.map((project) => `${project.name} (${relativeTo(root, project.dir)})`).join(", ")}, so turbo would not build ${missing.length === 1 ? "it" : "them"} before type-checking.`,
          `Add ${missing.map((project) => `"${project.name}": "workspace:*"`).join(", ")} to its devDependencies and run \`pnpm install\` (\`pnpm new-api\` does this for an API's packages).`,
        );
    }
    return projects;
  }
  return folders.map((folder) => {
    const dir = resolve(cwd, folder);
    const project = projectAt(dir);
    if (project === undefined)
      throw new TypecheckError(
        existsSync(dir)
          ? `${folder} is not a TypeScript package (it needs a package.json and a tsconfig.json).`
          : `${folder} does not exist.`,
        "Pass the folders of packages that have a tsconfig.json, or nothing for the whole workspace.",
      );
    return project;
  });
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

/**
 * The CLI. `cwd` and `ownDir` (the folder of the package whose dependencies turbo builds first)
 * are parameters for the tests.
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  cwd: string = process.cwd(),
  ownDir: string = OWN_DIR,
): Promise<number> {
  const parse = () =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { root: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const root = findWorkspaceRoot(resolve(cwd, parsed.values.root ?? "."));
    const projects = selectProjects(root, parsed.positionals, cwd, ownDir);
    if (projects.length === 0)
      throw new TypecheckError(`No package of ${root} has a tsconfig.json.`, "Nothing to type-check.");
    const width = Math.max(...projects.map((project) => relativeTo(root, project.dir).length)) + 2;
    const started = performance.now();
    const results = checkProjects(
      projects.map((project) => project.config),
      {
        root,
        onProject: (result: ProjectResult) => {
          const label = relativeTo(root, dirname(result.config));
          const outcome = result.errors > 0 ? `${result.errors} error(s)` : `ok (${result.files} files)`;
          io.stdout(`${pad(label, width)}${pad(outcome, 18)}${result.ms} ms`);
          for (const line of result.diagnostics) io.stdout(line);
        },
      },
    );
    const errors = results.reduce((sum, result) => sum + result.errors, 0);
    const failed = results.filter((result) => result.errors > 0).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (errors > 0) {
      io.stderr(
        `${errors} type error(s) in ${failed} of ${results.length} project(s) (${seconds} s). Fix them, then run \`pnpm typecheck\` again.`,
      );
      return 1;
    }
    io.stdout(`${results.length} project(s) type-checked in ${seconds} s: no errors.`);
    return 0;
  } catch (error) {
    if (error instanceof TypecheckError) {
      io.stderr(error.format());
      return 2;
    }
    // Not a problem with the input: say what failed, in one line, without a stack.
    io.stderr(`leadkit-typecheck failed: ${(error as Error).message}`);
    return 2;
  }
}
