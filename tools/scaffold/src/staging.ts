// A throwaway workspace in a temp folder holding only the new API: its spec files laid out as
// they will be under specs/<api>/, and a redocly.yaml with the project's rules and plugins but
// only this API in `apis:`. The spec is linted, bundled and generated there with the codegen
// the build uses, so everything is validated before the real tree is touched.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import {
  type ApiEntry,
  bundleApi,
  CodegenError,
  generateApi,
  type LintProblem,
  lintApi,
  loadWorkspace,
  type OpenApiDocument,
  runRedocly,
  type Workspace,
} from "@leadkit/codegen";
import { isSeq, parseDocument } from "yaml";
import { IGNORE_FILE } from "./config-files.js";

/** Rules whose problems mean the document is not a readable OpenAPI document: never accepted. */
export const STRUCTURAL_RULES: ReadonlySet<string> = new Set(["struct", "spec", "no-unresolved-refs"]);

export interface StagedFile {
  /** Relative to the workspace root, e.g. `specs/github/paths/issues.json`. */
  readonly path: string;
  readonly contents: string | Buffer;
}

export interface Staging {
  readonly dir: string;
  readonly workspace: Workspace;
  readonly api: ApiEntry;
  lint(): Promise<LintProblem[]>;
  /** Has Redocly write the ignore file for the current problems; returns its text. */
  generateIgnoreFile(): Promise<string>;
  bundle(): Promise<OpenApiDocument>;
  /** Runs the codegen (every target whose package.json was staged); fails like the build would. */
  generate(): Promise<void>;
  write(file: StagedFile): Promise<void>;
  cleanup(): Promise<void>;
}

/** The project's redocly.yaml with `apis:` holding only this API and plugin paths made absolute. */
export function stagingConfig(
  projectConfig: string,
  projectRoot: string,
  name: string,
  root: string,
): string {
  const document = parseDocument(projectConfig);
  document.set("apis", document.createNode({ [name]: { root } }));
  const plugins = document.get("plugins");
  if (isSeq(plugins)) {
    plugins.items = plugins.items.map((item) => {
      const value = String((item as { value?: unknown }).value ?? item);
      return document.createNode(isAbsolute(value) ? value : resolve(projectRoot, value));
    });
  }
  return document.toString();
}

export async function createStaging(
  project: Workspace,
  name: string,
  specRoot: string,
  files: readonly StagedFile[],
): Promise<Staging> {
  const dir = await mkdtemp(join(tmpdir(), `leadkit-new-api-${name}-`));
  try {
    const write = async (file: StagedFile) => {
      const target = join(dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.contents);
    };
    for (const file of files) await write(file);
    const config = stagingConfig(await readFile(project.configFile, "utf8"), project.root, name, specRoot);
    await writeFile(join(dir, "redocly.yaml"), config);
    const workspace = loadWorkspace(join(dir, "redocly.yaml"), project.scope);
    const api = workspace.apis[0] as ApiEntry;
    return {
      dir,
      workspace,
      api,
      lint: () => lintApi(workspace, api),
      async generateIgnoreFile() {
        const result = await runRedocly(
          ["lint", name, "--config", "redocly.yaml", "--generate-ignore-file"],
          dir,
        );
        const file = join(dir, IGNORE_FILE);
        if (!existsSync(file)) {
          throw new CodegenError(
            `redocly lint --generate-ignore-file wrote no ${IGNORE_FILE}:\n${result.output}`,
          );
        }
        return readFile(file, "utf8");
      },
      bundle: () => bundleApi(workspace, api),
      async generate() {
        const result = await generateApi(workspace, api);
        if (result.status === "lint-failed") {
          throw new CodegenError(
            `The staged spec of ${name} still fails lint (${result.problems.length} problems).`,
          );
        }
      },
      write,
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
