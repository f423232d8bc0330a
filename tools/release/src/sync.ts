// The parts of the release policy that are derived from the workspace, so they cannot drift:
// one changesets `fixed` group per API in redocly.yaml (its types, client, mock and MCP server version
// together),
// and `publishConfig` on every published package. `sync` writes publishConfig and reports a
// drifted `fixed`; `sync --check` only reports.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { CHANGESET_DIR } from "./changesets.js";
import { apiPackageDirs, listPackages, loadWorkspace, type Workspace, writeManifest } from "./workspace.js";

export const PUBLISH_CONFIG = { access: "public", provenance: true } as const;

/**
 * `@leadkit/drivly{,-types,-mock}`: matches every package of the API that exists (micromatch),
 * the client first.
 */
export function fixedGroups(workspace: Workspace): string[][] {
  return workspace.apis.map((api) => {
    const suffixes = apiPackageDirs(api).map((dir) => basename(dir).slice(api.name.length));
    const ordered = ["", ...suffixes.filter((suffix) => suffix !== "")];
    return [`${api.clientPackageName}{${ordered.join(",")}}`];
  });
}

export interface Drift {
  readonly file: string;
  readonly message: string;
}

export async function sync(options: { root?: string; check?: boolean } = {}): Promise<Drift[]> {
  const workspace = loadWorkspace(options.root);
  const drift: Drift[] = [];
  const configFile = join(workspace.root, CHANGESET_DIR, "config.json");
  const config = JSON.parse(await readFile(configFile, "utf8")) as { fixed?: unknown };
  const fixed = fixedGroups(workspace);
  if (JSON.stringify(config.fixed) !== JSON.stringify(fixed)) {
    // Reported, not rewritten: the file is formatted by hand (Biome), and a new API is rare.
    drift.push({
      file: `${CHANGESET_DIR}/config.json`,
      message: `\`fixed\` is ${JSON.stringify(config.fixed)}; the APIs in redocly.yaml make it ${JSON.stringify(fixed)}.\n  Fix: set "fixed": ${JSON.stringify(fixed)} in ${CHANGESET_DIR}/config.json.`,
    });
  }
  for (const pkg of await listPackages(workspace.root)) {
    if (pkg.manifest.private === true) continue;
    const current = pkg.manifest.publishConfig ?? {};
    const wanted = { ...current, ...PUBLISH_CONFIG };
    if (JSON.stringify(current) === JSON.stringify(wanted)) continue;
    drift.push({
      file: `${pkg.path}/package.json`,
      message: `publishConfig is ${JSON.stringify(pkg.manifest.publishConfig ?? null)}; published packages need ${JSON.stringify(PUBLISH_CONFIG)}.`,
    });
    if (!options.check) await writeManifest(pkg.dir, { ...pkg.manifest, publishConfig: wanted });
  }
  return drift;
}
