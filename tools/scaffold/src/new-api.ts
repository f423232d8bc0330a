// `pnpm new-api <name> [spec]`: everything an API needs, in one command. The spec (the given one
// with every file it references, or the template) is linted, bundled and generated in a staging
// workspace first; only then is the real tree written, as one transaction that is rolled back
// completely if anything fails (the final `pnpm install` included).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import {
  CodegenError,
  formatProblem,
  formatUnexpected,
  type LintProblem,
  loadWorkspace,
  PipelineError,
  type Workspace,
} from "@leadkit/codegen";
import {
  addApi,
  addDevDependency,
  dependentManifests,
  IGNORE_FILE,
  mergeIgnoreFile,
} from "./config-files.js";
import { collectSpecFiles, StructuralError } from "./spec-files.js";
import { createStaging, STRUCTURAL_RULES, type StagedFile } from "./staging.js";
import { renderTemplate } from "./template.js";
import { loadTemplate, newApiValues, PACKAGE_TEMPLATES, SPEC_TEMPLATE } from "./templates.js";
import { transaction } from "./transaction.js";

/** The same rule as the codegen's: the name becomes folder and npm package names. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const ACCEPT_FLAG = "--accept-existing-problems";

export type Installer = (root: string, log: (line: string) => void) => Promise<void>;

export interface NewApiOptions {
  /** Workspace root (the folder of redocly.yaml). */
  readonly root: string;
  readonly name: string;
  /** Root file of an existing spec; the template spec when absent. */
  readonly spec?: string;
  /** Record the given spec's lint problems in the ignore file instead of failing on them. */
  readonly acceptExistingProblems?: boolean;
  /** How docs and READMEs name the vendor (default: the name in title case). */
  readonly displayName?: string;
  /** The API's title in prose (default: `<displayName> API`). */
  readonly title?: string;
  /** Links the new packages; `pnpm install --prefer-offline` by default. */
  readonly install?: Installer;
  readonly log?: (line: string) => void;
}

export interface NewApiResult {
  readonly name: string;
  /** The spec's root as registered in redocly.yaml. */
  readonly specRoot: string;
  readonly created: readonly string[];
  readonly changed: readonly string[];
  /** Lint problems of the given spec recorded in the ignore file. */
  readonly acceptedProblems: number;
}

export const titleCase = (name: string) =>
  name
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");

/** `pnpm install` as the scaffold runs it: offline when the store has everything, lockfile updated. */
export const pnpmInstall: Installer = (root, log) =>
  new Promise((resolvePromise, reject) => {
    const args = ["install", "--prefer-offline", "--no-frozen-lockfile"];
    log(`pnpm ${args.join(" ")}`);
    const child = spawn("pnpm", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", (error) =>
      reject(
        new CodegenError(`pnpm could not be started: ${error.message}`, "Put pnpm on PATH (see README)."),
      ),
    );
    child.on("close", (code) =>
      code === 0
        ? resolvePromise()
        : reject(
            new CodegenError(
              `pnpm install failed (exit code ${code}):\n${Buffer.concat(output).toString("utf8").trim()}`,
            ),
          ),
    );
  });

function workspacePackageNames(root: string): Set<string> {
  const names = new Set<string>();
  for (const parent of ["packages", "tools"]) {
    const dir = join(root, parent);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const manifest = join(dir, entry, "package.json");
      if (existsSync(manifest))
        names.add((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ?? "");
    }
  }
  return names;
}

/** Fails unless the name is free everywhere it would be used. */
export function validateName(workspace: Workspace, name: string): void {
  if (!NAME.test(name)) {
    throw new CodegenError(
      `API name \`${name}\` is not kebab-case; it names folders and npm packages.`,
      "Example: pnpm new-api dealer-studio (lower case letters, digits and single dashes).",
    );
  }
  if (workspace.apis.some((api) => api.name === name)) {
    throw new CodegenError(
      `redocly.yaml already lists an API \`${name}\`.`,
      `Remove it first: pnpm remove-api ${name}`,
    );
  }
  const taken = [
    `specs/${name}`,
    `packages/${name}`,
    `packages/${name}-types`,
    `packages/${name}-mock`,
    `packages/${name}-mcp`,
  ].filter((path) => existsSync(join(workspace.root, path)));
  if (taken.length > 0) {
    throw new CodegenError(
      `${taken.join(", ")} already exist${taken.length === 1 ? "s" : ""}; new-api writes only new folders.`,
      "Choose another name, or move the folder away.",
    );
  }
  const packages = workspacePackageNames(workspace.root);
  for (const pkg of [
    `${workspace.scope}/${name}`,
    `${workspace.scope}/${name}-types`,
    `${workspace.scope}/${name}-mock`,
    `${workspace.scope}/${name}-mcp`,
  ]) {
    if (packages.has(pkg)) throw new CodegenError(`A workspace package is already named ${pkg}.`);
  }
}

function listProblems(problems: readonly LintProblem[], sourceOf: (file: string) => string): string {
  return problems
    .map((problem) => `  ${formatProblem({ ...problem, file: sourceOf(problem.file) })}`)
    .join("\n");
}

const NOTHING_CREATED = "Nothing was created.";

/**
 * A failure of new-api before anything was written, as one message in the user's terms: the API,
 * the step, the file as they named it (not its place in the staging copy) and its line, and
 * that nothing was created.
 */
function refusal(
  name: string,
  error: unknown,
  sources: ReadonlyMap<string, string>,
  specRoot: string,
): Error {
  // Files first, longest first (so that specs/x/a.yaml is not half-replaced by specs/x/a), then
  // the spec's folder, for files the spec names that do not exist.
  const staged = [...sources.keys()].sort((a, b) => b.length - a.length);
  const userRoot = sources.get(specRoot);
  const folders: Array<[string, string]> =
    userRoot === undefined
      ? []
      : [[`${dirname(specRoot)}/`, dirname(userRoot) === "." ? "" : `${dirname(userRoot)}/`]];
  const userPaths = (text: string) =>
    [...staged.map((path): [string, string] => [path, sources.get(path) as string]), ...folders].reduce(
      (result, [from, to]) => result.split(from).join(to),
      text,
    );
  const rerun = (text: string) =>
    text.replace(/run `pnpm (generate|lint:specs|run main)`/g, `run \`pnpm new-api ${name} …\` again`);
  const withNothingCreated = (hint: string | undefined) =>
    rerun(hint?.includes(NOTHING_CREATED) ? hint : `${hint ?? ""} ${NOTHING_CREATED}`.trim());
  if (error instanceof PipelineError) {
    return new PipelineError({
      api: name,
      step: error.step,
      location: { ...error.location, file: sources.get(error.location.file) ?? error.location.file },
      reason: userPaths(error.reason),
      fix: userPaths(withNothingCreated(error.hint)),
    });
  }
  if (error instanceof StructuralError) {
    return new PipelineError({
      api: name,
      step: "files",
      location: error.location ?? { file: [...sources.values()][0] ?? "" },
      reason: error.message,
      fix: withNothingCreated(error.hint),
    });
  }
  if (error instanceof CodegenError) return new CodegenError(error.message, withNothingCreated(error.hint));
  return new CodegenError(`${name}: ${formatUnexpected(error, "new-api")}`, NOTHING_CREATED);
}

export async function newApi(options: NewApiOptions): Promise<NewApiResult> {
  const log = options.log ?? (() => {});
  const install = options.install ?? pnpmInstall;
  const workspace = loadWorkspace(join(options.root, "redocly.yaml"));
  const { name } = options;
  validateName(workspace, name);
  const displayName = options.displayName ?? titleCase(name);
  const title = options.title ?? `${displayName} API`;
  const specDir = `specs/${name}`;

  // 1. The spec files, as they will be laid out under specs/<name>/.
  let specFiles: StagedFile[];
  let rootTarget: string;
  const sources = new Map<string, string>();
  if (options.spec === undefined) {
    const contents = renderTemplate(loadTemplate(SPEC_TEMPLATE), { name, displayName, title }, SPEC_TEMPLATE);
    rootTarget = "openapi.yaml";
    specFiles = [{ path: `${specDir}/openapi.yaml`, contents }];
  } else {
    let collected: ReturnType<typeof collectSpecFiles>;
    try {
      collected = collectSpecFiles(resolve(options.spec));
    } catch (error) {
      throw refusal(name, error, sources, `${specDir}/openapi.yaml`);
    }
    rootTarget = collected.root;
    specFiles = collected.files.map((file) => {
      sources.set(`${specDir}/${file.target}`, relative(process.cwd(), file.source) || file.source);
      return { path: `${specDir}/${file.target}`, contents: file.contents };
    });
    log(`spec: ${collected.files.length} file(s) from ${relative(process.cwd(), resolve(options.spec))}`);
  }
  const specRoot = `${specDir}/${rootTarget}`;
  const sourceOf = (file: string) => sources.get(file) ?? file;

  // 2. Lint, bundle and generate it in a staging workspace.
  const staging = await createStaging(workspace, name, specRoot, specFiles);
  let ignoreFile: string | undefined;
  let accepted = 0;
  let packageFiles: StagedFile[];
  try {
    const problems = await staging.lint();
    const lintFailure = (found: readonly LintProblem[], reason: string, fix: string) => {
      const first = found[0] as LintProblem;
      return new PipelineError({
        api: name,
        step: "lint",
        location: { file: sourceOf(first.file), line: first.line, col: first.col },
        reason,
        fix,
      });
    };
    const structural = problems.filter((problem) => STRUCTURAL_RULES.has(problem.ruleId));
    if (structural.length > 0) {
      throw lintFailure(
        structural,
        `The spec is not a readable OpenAPI document (${structural.length} structural problem(s)):\n${listProblems(structural, sourceOf)}`,
        `Structural problems (${[...STRUCTURAL_RULES].join(", ")}) are never accepted: fix the spec. ${NOTHING_CREATED}`,
      );
    }
    if (problems.length > 0 && !options.acceptExistingProblems) {
      const intro =
        options.spec === undefined
          ? "The spec template fails leadkit's lint; this is a bug in tools/scaffold/templates."
          : `The spec fails leadkit's lint with ${problems.length} problem(s):`;
      throw lintFailure(
        problems,
        `${intro}\n${listProblems(problems, sourceOf)}`,
        [
          `Fix them, or, for a spec the vendor publishes (which we adopt as is, not edit), rerun with ${ACCEPT_FLAG}:`,
          `  pnpm new-api ${name} ${options.spec ?? ""} ${ACCEPT_FLAG}`,
          `That records exactly these problems in ${IGNORE_FILE} (Redocly's ignore file, next to redocly.yaml),`,
          "so the build accepts them and any new problem still fails lint.",
          NOTHING_CREATED,
        ].join("\n"),
      );
    }
    if (problems.length > 0) {
      const generated = await staging.generateIgnoreFile();
      const remaining = await staging.lint();
      if (remaining.length > 0) {
        throw new CodegenError(
          `Redocly's ignore file does not cover ${remaining.length} problem(s):\n${listProblems(remaining, sourceOf)}`,
        );
      }
      const current = join(workspace.root, IGNORE_FILE);
      ignoreFile = mergeIgnoreFile(
        existsSync(current) ? readFileSync(current, "utf8") : undefined,
        generated,
      );
      accepted = problems.length;
    }
    const document = await staging.bundle();
    const values = newApiValues({
      name,
      document,
      specPath: specRoot,
      displayName,
      title,
      vendorSpec: options.spec !== undefined,
    });
    packageFiles = PACKAGE_TEMPLATES.map((template) => ({
      path: template.target(name),
      contents: renderTemplate(loadTemplate(template.template), values, template.template),
    }));
    for (const file of packageFiles) {
      if (file.path.endsWith(".json")) JSON.parse(String(file.contents)); // a template bug fails here
      await staging.write(file);
    }
    await staging.generate();
  } catch (error) {
    throw refusal(name, error, sources, specRoot);
  } finally {
    await staging.cleanup();
  }

  // 3. Write it all, or nothing.
  const configText = addApi(readFileSync(workspace.configFile, "utf8"), name, specRoot);
  // docs/package.json and the type-check's manifest depend on the new packages.
  const dependents = dependentManifests(workspace.scope, name)
    .filter((manifest) => existsSync(join(workspace.root, manifest.path)))
    .map((manifest) => ({
      ...manifest,
      text: manifest.packages.reduce(
        addDevDependency,
        readFileSync(join(workspace.root, manifest.path), "utf8"),
      ),
    }));
  const tx = transaction(workspace.root);
  try {
    for (const file of [...specFiles, ...packageFiles]) await tx.create(file.path, file.contents);
    await tx.replace("redocly.yaml", configText);
    if (ignoreFile !== undefined) await tx.replace(IGNORE_FILE, ignoreFile);
    for (const manifest of dependents) await tx.replace(manifest.path, manifest.text);
    await tx.guard("pnpm-lock.yaml");
    for (const manifest of dependents)
      for (const linked of manifest.packages)
        await tx.guard(posix.join(posix.dirname(manifest.path), "node_modules", linked));
    await install(workspace.root, log);
  } catch (error) {
    await tx.rollback();
    throw error instanceof CodegenError
      ? new CodegenError(
          error.message,
          `${error.hint ? `${error.hint}\n` : ""}Everything new-api wrote was rolled back.`,
        )
      : error;
  }
  const created = [...specFiles, ...packageFiles].map((file) => file.path);
  return {
    name,
    specRoot,
    created,
    changed: [
      "redocly.yaml",
      ...(ignoreFile === undefined ? [] : [IGNORE_FILE]),
      ...dependents.map((manifest) => manifest.path),
      "pnpm-lock.yaml",
    ],
    acceptedProblems: accepted,
  };
}
