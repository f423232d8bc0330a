// One API added with `new-api` to a small temp workspace and built, without a pnpm install:
// the project's redocly.yaml (rules, plugin) and tsconfig.base.json, the new API's spec and
// packages as new-api writes them, its generated files, every package built as the API's `build`
// script builds them (`leadkit-codegen build --api`, file by file: types, client, mock and MCP),
// and the types and client packages type-checked with tsc.
// @leadkit/runtime is linked from this repository, so the built client is the real one.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { apiPackageDirs, buildPackages, generateApi, loadWorkspace } from "@leadkit/codegen";
import { newApi } from "@leadkit/scaffold";
import { REPO_ROOT } from "@leadkit/testing";

const COPIED = [
  "redocly.yaml",
  "tsconfig.base.json",
  "tools/lint-rules/plugin.js",
  "tools/lint-rules/package.json",
  "docs/package.json",
];

const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
/** The types package's one dependency (its validators' `StandardSchemaV1` type), from ours. */
const STANDARD_SCHEMA = join(dirname(createRequire(import.meta.url).resolve("@standard-schema/spec")), "..");

export interface BuiltApi {
  readonly root: string;
  readonly name: string;
  readonly typesDir: string;
  readonly clientDir: string;
  /** The bundled spec the types package ships (`spec/openapi.json`). */
  readonly spec: Record<string, unknown>;
  /** Type errors of a TypeScript file that imports the client by its package name ("" when none). */
  typeCheck(source: string): Promise<string>;
  cleanup(): void;
}

function run(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The package's type-check by tsc, with the options of its build. */
async function typeCheckPackage(packageDir: string, cwd: string): Promise<void> {
  const project = join(packageDir, "tsconfig.build.json");
  const { code, output } = await run([TSC, "-p", project, "--noEmit"], cwd);
  if (code !== 0) throw new Error(`tsc -p ${project} --noEmit failed:\n${output}`);
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, "dir");
}

/** Adds the spec as API `name` (its lint findings accepted, as for a vendor spec) and builds it. */
export async function addAndBuild(specFile: string, name: string): Promise<BuiltApi> {
  const root = mkdtempSync(join(tmpdir(), `leadkit-${name}-`));
  try {
    for (const file of COPIED) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(root, file));
    }
    await newApi({ root, name, spec: specFile, acceptExistingProblems: true, install: async () => {} });
    const workspace = loadWorkspace(join(root, "redocly.yaml"));
    const api = workspace.apis.find((entry) => entry.name === name);
    if (api === undefined) throw new Error(`new-api did not register ${name}`);
    const result = await generateApi(workspace, api);
    if (result.status === "lint-failed") throw new Error(`${name} fails lint after new-api`);
    const scope = join(root, "node_modules", "@leadkit");
    link(join(REPO_ROOT, "packages", "runtime"), join(scope, "runtime"));
    link(STANDARD_SCHEMA, join(root, "node_modules", "@standard-schema", "spec"));
    link(api.typesDir, join(scope, `${name}-types`));
    link(api.clientDir, join(scope, name));
    await buildPackages(apiPackageDirs(api));
    await typeCheckPackage(api.typesDir, root);
    await typeCheckPackage(api.clientDir, root);
    return {
      root,
      name,
      typesDir: api.typesDir,
      clientDir: api.clientDir,
      spec: JSON.parse(readFileSync(join(api.typesDir, "spec", "openapi.json"), "utf8")) as Record<
        string,
        unknown
      >,
      async typeCheck(source) {
        const dir = mkdtempSync(join(root, "consumer-"));
        writeFileSync(join(dir, "consumer.ts"), source);
        writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
        writeFileSync(
          join(dir, "tsconfig.json"),
          JSON.stringify({
            extends: "../tsconfig.base.json",
            compilerOptions: { noEmit: true, skipLibCheck: false },
            files: ["consumer.ts"],
          }),
        );
        const { output } = await run([TSC, "-p", join(dir, "tsconfig.json")], dir);
        return output.trim();
      },
      cleanup: () => rmSync(root, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
