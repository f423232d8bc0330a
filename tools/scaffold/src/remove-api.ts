// `pnpm remove-api <name>`: undoes new-api. Removes the API's spec folder and its packages,
// its `apis:` entry, its entries in the lint-ignore file, and the docs' and the type-check's
// dependencies on its packages, then reinstalls so the links and the lockfile are as they were.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { CodegenError, loadWorkspace } from "@leadkit/codegen";
import {
  dependentManifests,
  IGNORE_FILE,
  removeDevDependency,
  removeApi as removeFromConfig,
  removeIgnoreEntries,
} from "./config-files.js";
import { type Installer, pnpmInstall } from "./new-api.js";
import { transaction } from "./transaction.js";

export interface RemoveApiOptions {
  readonly root: string;
  readonly name: string;
  readonly install?: Installer;
  readonly log?: (line: string) => void;
}

export interface RemoveApiResult {
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export async function removeApi(options: RemoveApiOptions): Promise<RemoveApiResult> {
  const log = options.log ?? (() => {});
  const workspace = loadWorkspace(join(options.root, "redocly.yaml"));
  const { name } = options;
  const api = workspace.apis.find((entry) => entry.name === name);
  const folders = [
    `specs/${name}`,
    `packages/${name}`,
    `packages/${name}-types`,
    `packages/${name}-mock`,
    `packages/${name}-mcp`,
  ];
  if (api === undefined && !folders.some((folder) => existsSync(join(workspace.root, folder)))) {
    throw new CodegenError(
      `There is no API \`${name}\` to remove.`,
      `APIs in redocly.yaml: ${workspace.apis.map((entry) => entry.name).join(", ") || "(none)"}.`,
    );
  }
  // The spec's own folder too, should its root live outside specs/<name>/.
  const specFolder =
    api === undefined ? undefined : relative(workspace.root, dirname(api.specFile)).split(sep).join("/");
  if (specFolder !== undefined && !specFolder.startsWith(`specs/${name}`) && specFolder.startsWith("specs/"))
    folders.push(specFolder);
  const removed = folders.filter((folder) => existsSync(join(workspace.root, folder)));
  const changed: string[] = [];
  const tx = transaction(workspace.root);
  try {
    for (const folder of removed) await tx.removeDir(folder);
    if (api !== undefined) {
      await tx.replace("redocly.yaml", removeFromConfig(readFileSync(workspace.configFile, "utf8"), name));
      changed.push("redocly.yaml");
    }
    const ignoreFile = join(workspace.root, IGNORE_FILE);
    if (existsSync(ignoreFile)) {
      const current = readFileSync(ignoreFile, "utf8");
      let next: string | undefined = current;
      for (const folder of removed.filter((folder) => folder.startsWith("specs/")))
        next = next === undefined ? undefined : removeIgnoreEntries(next, `${folder}/`);
      if (next !== current) {
        await tx.replace(IGNORE_FILE, next);
        changed.push(IGNORE_FILE);
      }
    }
    for (const manifest of dependentManifests(workspace.scope, name)) {
      const file = join(workspace.root, manifest.path);
      if (!existsSync(file)) continue;
      const text = readFileSync(file, "utf8");
      const next = manifest.packages.reduce(removeDevDependency, text);
      if (next !== text) {
        await tx.replace(manifest.path, next);
        changed.push(manifest.path);
      }
    }
    await tx.guard("pnpm-lock.yaml");
    await (options.install ?? pnpmInstall)(workspace.root, log);
    changed.push("pnpm-lock.yaml");
  } catch (error) {
    await tx.rollback();
    throw error;
  }
  return { removed, changed };
}
