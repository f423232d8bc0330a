// The release view of the workspace: which packages exist, which are published, and which API
// each published package belongs to. The API list is codegen's (redocly.yaml `apis:`).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import {
  type ApiEntry,
  loadWorkspace as loadCodegenWorkspace,
  mcpPackageDir,
  type Workspace,
} from "@leadkit/codegen";
import { parse } from "yaml";
import { ReleaseError } from "./errors.js";

export type { ApiEntry, Workspace };

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  leadkit?: LeadkitField;
  [key: string]: unknown;
}

/** `leadkit` in a published package.json: which spec version the release was generated from. */
export interface LeadkitField {
  readonly api: string;
  readonly specVersion: string;
}

export interface WorkspacePackage {
  /** Absolute. */
  readonly dir: string;
  /** Workspace-relative, `/` separators. */
  readonly path: string;
  readonly manifest: Manifest;
}

export function posix(path: string): string {
  return path.split(sep).join("/");
}

export function loadWorkspace(root?: string): Workspace {
  return loadCodegenWorkspace(root === undefined ? undefined : join(root, "redocly.yaml"));
}

export async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
}

/** Writes package.json the way npm does (two-space JSON and a final newline). */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Folders matched by pnpm-workspace.yaml `packages:` (plain paths and `dir/*` globs). */
export function workspaceDirs(root: string): string[] {
  const file = join(root, "pnpm-workspace.yaml");
  if (!existsSync(file)) return [];
  const globs = (parse(readFileSync(file, "utf8")) as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(globs)) return [];
  const dirs: string[] = [];
  for (const glob of globs) {
    if (typeof glob !== "string" || glob.startsWith("!")) continue;
    if (glob.endsWith("/*")) {
      const parent = join(root, glob.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      ))
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
    } else if (!/[*?{[]/.test(glob)) {
      dirs.push(join(root, glob));
    } else {
      throw new ReleaseError(
        `pnpm-workspace.yaml glob \`${glob}\` is not supported by @leadkit/release.`,
        "Use a folder or `folder/*`.",
      );
    }
  }
  return dirs.filter((dir) => existsSync(join(dir, "package.json")));
}

export async function listPackages(root: string): Promise<WorkspacePackage[]> {
  return Promise.all(
    workspaceDirs(root).map(async (dir) => ({
      dir,
      path: posix(relative(root, dir)),
      manifest: await readManifest(dir),
    })),
  );
}

/**
 * The published packages of one API that exist in the workspace, all generated from its spec:
 * types first, then the client, then the MCP server.
 */
export interface ApiPackages {
  readonly api: ApiEntry;
  readonly packages: readonly WorkspacePackage[];
}

export async function apiPackages(workspace: Workspace): Promise<ApiPackages[]> {
  return Promise.all(
    workspace.apis.map(async (api) => {
      const packages: WorkspacePackage[] = [];
      for (const dir of [api.typesDir, api.clientDir, mcpPackageDir(api)]) {
        if (!existsSync(join(dir, "package.json"))) continue;
        const manifest = await readManifest(dir);
        if (manifest.private === true) continue;
        packages.push({ dir, path: posix(relative(workspace.root, dir)), manifest });
      }
      return { api, packages };
    }),
  );
}

/** info.version of an API's root spec file, read without bundling (info lives in the root). */
export async function rootSpecVersion(specFile: string): Promise<string> {
  const document = parse(await readFile(specFile, "utf8")) as { info?: { version?: unknown } } | null;
  const version = document?.info?.version;
  if (typeof version !== "string") {
    throw new ReleaseError(
      `${specFile} has no info.version.`,
      "Every spec has a semver info.version (specs/CONVENTIONS.md).",
    );
  }
  return version;
}
