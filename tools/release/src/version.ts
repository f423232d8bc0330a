// `pnpm version-packages`: `changeset version`, then what changesets does not know about:
// record in each released package.json the spec version it is generated from (`leadkit`),
// say so at the top of its new CHANGELOG entry, refresh the lockfile and regenerate.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ReleaseError } from "./errors.js";
import { run } from "./exec.js";
import {
  type ApiPackages,
  apiPackages,
  loadWorkspace,
  type Manifest,
  readManifest,
  rootSpecVersion,
  writeManifest,
} from "./workspace.js";

const require = createRequire(import.meta.url);

/** The changesets CLI of this package's pinned @changesets/cli. */
export function changesetBin(): string {
  return join(dirname(require.resolve("@changesets/cli/package.json")), "bin.js");
}

export interface VersionedPackage {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly specVersion: string;
  readonly previousSpecVersion?: string;
}

export interface VersionOptions {
  readonly root?: string;
  /** Skip `pnpm install --lockfile-only` and `pnpm generate` (unit tests of the bookkeeping). */
  readonly skipWorkspaceRefresh?: boolean;
  readonly log?: (line: string) => void;
}

/** The line leadkit adds under a release's heading in CHANGELOG.md. */
export function specLine(specPath: string, specVersion: string, previous: string | undefined): string {
  const since =
    previous === undefined
      ? "first release that records it"
      : previous === specVersion
        ? "unchanged since the previous release"
        : `previous release: ${previous}`;
  return `Generated from \`${specPath}\` info.version ${specVersion} (${since}).`;
}

/** Inserts `line` right under the `## <version>` heading (once). */
export function annotateChangelog(changelog: string, version: string, line: string): string {
  const heading = `## ${version}`;
  const lines = changelog.split("\n");
  const index = lines.findIndex((candidate) => candidate.trim() === heading);
  if (index === -1) return changelog;
  const next = lines.findIndex((candidate, at) => at > index && candidate.startsWith("## "));
  const section = lines.slice(index, next === -1 ? undefined : next);
  if (section.includes(line)) return changelog;
  lines.splice(index + 1, 0, "", line);
  return lines.join("\n");
}

async function snapshot(packages: readonly ApiPackages[]): Promise<Map<string, Manifest>> {
  const entries = await Promise.all(
    packages.flatMap((entry) =>
      entry.packages.map(async (pkg) => [pkg.dir, await readManifest(pkg.dir)] as const),
    ),
  );
  return new Map(entries);
}

/**
 * Records `leadkit: { api, specVersion }` in every API package whose version changed (and in
 * any that lacks it), and annotates the new CHANGELOG entries. Returns what was versioned.
 */
export async function recordSpecVersions(
  packages: readonly ApiPackages[],
  before: ReadonlyMap<string, Manifest>,
): Promise<VersionedPackage[]> {
  const versioned: VersionedPackage[] = [];
  for (const { api, packages: list } of packages) {
    const specVersion = await rootSpecVersion(api.specFile);
    for (const pkg of list) {
      const manifest = await readManifest(pkg.dir);
      const old = before.get(pkg.dir) ?? manifest;
      const changed = old.version !== manifest.version;
      if (!changed && manifest.leadkit !== undefined) continue;
      const previous = old.leadkit?.specVersion;
      await writeManifest(pkg.dir, { ...manifest, leadkit: { api: api.name, specVersion } });
      if (!changed) continue;
      versioned.push({
        name: manifest.name,
        from: old.version,
        to: manifest.version,
        specVersion,
        previousSpecVersion: previous,
      });
      const changelogFile = join(pkg.dir, "CHANGELOG.md");
      if (existsSync(changelogFile)) {
        const changelog = await readFile(changelogFile, "utf8");
        await writeFile(
          changelogFile,
          annotateChangelog(changelog, manifest.version, specLine(api.specPath, specVersion, previous)),
        );
      }
    }
  }
  return versioned;
}

export async function versionPackages(options: VersionOptions = {}): Promise<VersionedPackage[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const workspace = loadWorkspace(options.root);
  const root = workspace.root;
  const packages = await apiPackages(workspace);
  const before = await snapshot(packages);
  const versioned = await run(process.execPath, [changesetBin(), "version"], {
    cwd: root,
    inherit: true,
    check: false,
  });
  if (versioned.code !== 0) throw new ReleaseError("changeset version failed (output above).");
  const recorded = await recordSpecVersions(await apiPackages(workspace), before);
  for (const pkg of recorded) {
    log(`${pkg.name}: ${pkg.from} → ${pkg.to}, leadkit.specVersion ${pkg.specVersion}`);
  }
  if (!options.skipWorkspaceRefresh) {
    // Workspace ranges and versions live in the lockfile; generated files may embed versions.
    await run("pnpm", ["install", "--lockfile-only", "--prefer-offline", "--ignore-scripts"], {
      cwd: root,
      inherit: true,
    });
    await run("pnpm", ["run", "generate"], { cwd: root, inherit: true });
  }
  return recorded;
}
