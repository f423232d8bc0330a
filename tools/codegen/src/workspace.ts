// Reads the single list of APIs (the `apis:` map of redocly.yaml) and derives, by convention,
// where each API's spec and packages live. Nothing here knows any API by name.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse } from "yaml";
import { CodegenError } from "./errors.js";

export const CONFIG_FILE = "redocly.yaml";

/** One API of the workspace and the paths derived from its name. */
export interface ApiEntry {
  /** Key in `apis:`; also the folder name under specs/ and packages/. */
  readonly name: string;
  /** Absolute path of the root spec file. */
  readonly specFile: string;
  /** The spec path relative to the workspace root, with `/` separators (for banners). */
  readonly specPath: string;
  /** `packages/<name>-types`, absolute. */
  readonly typesDir: string;
  /** `packages/<name>`, absolute. */
  readonly clientDir: string;
  readonly typesPackageName: string;
  readonly clientPackageName: string;
}

export interface Workspace {
  readonly root: string;
  readonly configFile: string;
  /** npm scope of the published packages, e.g. `@leadkit`. */
  readonly scope: string;
  readonly apis: readonly ApiEntry[];
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Walks up from `from` to the nearest directory holding redocly.yaml. */
export function findConfigFile(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new CodegenError(
        `No ${CONFIG_FILE} found in ${from} or any parent directory.`,
        "Run the command inside the leadkit workspace, or pass --config <path/to/redocly.yaml>.",
      );
    }
    dir = parent;
  }
}

export function toPosix(path: string): string {
  return path.split(sep).join("/");
}

export function loadWorkspace(configFile: string = findConfigFile(), scope = "@leadkit"): Workspace {
  const file = resolve(configFile);
  const root = dirname(file);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CodegenError(
      `${toPosix(relative(process.cwd(), file)) || file} is not valid YAML: ${String(error)}`,
    );
  }
  const apis = (raw as { apis?: unknown } | null)?.apis;
  if (apis === undefined || apis === null || typeof apis !== "object" || Array.isArray(apis)) {
    throw new CodegenError(
      `${CONFIG_FILE} has no \`apis:\` map, so there is nothing to generate.`,
      ["Example:", "  apis:", "    my-api:", "      root: specs/my-api/openapi.yaml"].join("\n"),
    );
  }
  const entries: ApiEntry[] = [];
  for (const [name, value] of Object.entries(apis as Record<string, unknown>)) {
    if (!NAME.test(name)) {
      throw new CodegenError(
        `API name \`${name}\` in ${CONFIG_FILE} is not kebab-case; it names folders and npm packages.`,
        "Example: `dealer-studio` (lower case letters, digits and single dashes).",
      );
    }
    const rootSpec = (value as { root?: unknown } | null)?.root;
    if (typeof rootSpec !== "string") {
      throw new CodegenError(
        `API \`${name}\` in ${CONFIG_FILE} has no \`root:\` spec path.`,
        ["Example:", `  ${name}:`, `    root: specs/${name}/openapi.yaml`].join("\n"),
      );
    }
    const specFile = resolve(root, rootSpec);
    entries.push({
      name,
      specFile,
      specPath: toPosix(relative(root, specFile)),
      typesDir: join(root, "packages", `${name}-types`),
      clientDir: join(root, "packages", name),
      typesPackageName: `${scope}/${name}-types`,
      clientPackageName: `${scope}/${name}`,
    });
  }
  return { root, configFile: file, scope, apis: entries };
}

/** The APIs named in `names` (all when empty), failing on unknown names with the known list. */
export function selectApis(workspace: Workspace, names: readonly string[]): ApiEntry[] {
  if (names.length === 0) return [...workspace.apis];
  return names.map((name) => {
    const api = workspace.apis.find((entry) => entry.name === name);
    if (api === undefined) {
      throw new CodegenError(
        `Unknown API \`${name}\`.`,
        `APIs in ${CONFIG_FILE}: ${workspace.apis.map((entry) => entry.name).join(", ") || "(none)"}.`,
      );
    }
    return api;
  });
}
