// spec:diff: for every API in redocly.yaml, compare the bundled spec of the working tree with
// the one at the base ref, rate the changes (Redocly's diff plus leadkit's rules), and check
// that the pending release and the spec's info.version are big enough for them.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, posix as posixPath, relative } from "node:path";
import { formatProblem, generateApi, targets } from "@leadkit/codegen";
import { parse } from "yaml";
import {
  isSpecChangesetOf,
  pendingChangesetIds,
  type ReleasePlan,
  readReleasePlan,
  removeChangeset,
  renderChangeset,
  specChangesetId,
  writeChangeset,
} from "./changesets.js";
import { ReleaseError } from "./errors.js";
import { type BaseRef, changedFiles, extractDir, resolveBase, showFile } from "./git.js";
import { bumpBetween, bumped, type Impact, maxImpact, rank } from "./impact.js";
import { setInfoVersion } from "./info-version.js";
import { RedoclySession } from "./redocly.js";
import { highestImpact, rateChanges, type SpecChange } from "./rules.js";
import {
  type ApiEntry,
  apiPackages,
  loadWorkspace,
  type Manifest,
  posix,
  type WorkspacePackage,
} from "./workspace.js";

export const COMMAND = "pnpm spec:diff";

export interface Problem {
  readonly api: string;
  readonly message: string;
  readonly fix: string;
}

export interface PackageStatus {
  readonly name: string;
  readonly path: string;
  readonly version: string;
  /** The package's version at the base ref; undefined for a package that is new since. */
  readonly baseVersion?: string;
  /** What the pending changesets release it as (`none` when nothing does). */
  readonly planned: Impact;
  /** How far its version already moved since the base ref (a branch that ran version-packages). */
  readonly versioned: Impact;
  /** `leadkit.specVersion` in its package.json. */
  readonly recordedSpecVersion?: string;
  readonly covered: boolean;
}

export type ApiState = "new" | "unchanged" | "changed" | "generated-only";

export interface ApiDiff {
  readonly api: string;
  readonly specPath: string;
  readonly state: ApiState;
  readonly baseSpecVersion?: string;
  readonly specVersion: string;
  /** The release the API's packages need: the highest impact of `changes`. */
  readonly impact: Impact;
  readonly changes: readonly SpecChange[];
  /** Generated files that differ from the base ref. */
  readonly generatedFiles: readonly string[];
  readonly packages: readonly PackageStatus[];
  readonly problems: readonly Problem[];
  /** The changeset `--write` wrote, workspace-relative. */
  readonly wrote?: string;
  /** `info.version` as `--write` raised it in the spec. */
  readonly raisedSpecVersion?: { readonly from: string; readonly to: string };
  /** Generated files `--write` rewrote, workspace-relative. */
  readonly regenerated?: readonly string[];
}

export interface SpecDiffReport {
  readonly base: BaseRef;
  readonly apis: readonly ApiDiff[];
  readonly problems: readonly Problem[];
}

export interface SpecDiffOptions {
  readonly root?: string;
  /** Git ref to compare with; default the merge base of HEAD with `main`. */
  readonly base?: string;
  /** Only these APIs (all when empty). */
  readonly apis?: readonly string[];
  /**
   * Prepare the release: raise each spec's info.version to what its changes need (when lower),
   * regenerate the APIs whose spec changed, and add (or refresh) the changeset each API needs.
   */
  readonly write?: boolean;
}

interface Compared {
  readonly api: ApiEntry;
  readonly state: ApiState;
  readonly baseSpecVersion?: string;
  readonly specVersion: string;
  readonly changes: SpecChange[];
  readonly generatedFiles: string[];
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );
}

function infoVersion(document: Record<string, unknown>): string {
  const version = (document.info as { version?: unknown } | undefined)?.version;
  return typeof version === "string" ? version : "";
}

/** The base ref's root spec path of an API (its redocly.yaml may predate a move), else today's. */
async function baseSpecPath(root: string, ref: string, api: ApiEntry): Promise<string> {
  const config = await showFile(root, ref, "redocly.yaml");
  if (config !== undefined) {
    try {
      const rootPath = (parse(config) as { apis?: Record<string, { root?: unknown }> } | null)?.apis?.[
        api.name
      ]?.root;
      if (typeof rootPath === "string") return posixPath.normalize(rootPath);
    } catch {
      // an unparsable base config: fall back to today's path
    }
  }
  return api.specPath;
}

interface Prepared {
  readonly api: ApiEntry;
  readonly scratch: string;
  readonly generatedFiles: string[];
  /** The base ref's root spec path; undefined when the API is new since the base. */
  readonly basePath?: string;
}

async function prepareApi(
  session: RedoclySession,
  root: string,
  base: BaseRef,
  api: ApiEntry,
): Promise<Prepared> {
  if (!existsSync(api.specFile)) {
    throw new ReleaseError(
      `The spec of API \`${api.name}\` does not exist: ${api.specPath}.`,
      `Create it, or fix \`apis.${api.name}.root\` in redocly.yaml.`,
    );
  }
  // Output of a package that is new since the base is its first release, not a change.
  const generatedDirs: string[] = [];
  for (const target of targets) {
    const manifest = `${posix(relative(root, target.packageDir(api)))}/package.json`;
    if ((await showFile(root, base.commit, manifest)) === undefined) continue;
    generatedDirs.push(...target.ownedDirs(api).map((dir) => posix(relative(root, dir))));
  }
  const generatedFiles = await changedFiles(root, base.commit, generatedDirs);
  const scratch = join(session.dir, api.name);
  await mkdir(scratch, { recursive: true });
  const basePath = await baseSpecPath(root, base.commit, api);
  if ((await showFile(root, base.commit, basePath)) === undefined) return { api, scratch, generatedFiles };
  // The whole spec folder, so that relative `$ref`s resolve as they did at the base.
  await extractDir(root, base.commit, posixPath.dirname(basePath), join(scratch, "base"));
  return { api, scratch, generatedFiles, basePath };
}

async function compareApi(
  session: RedoclySession,
  base: BaseRef,
  prepared: Prepared,
  head: Record<string, unknown>,
  baseDocument: Record<string, unknown> | undefined,
): Promise<Compared> {
  const { api, generatedFiles, scratch } = prepared;
  const specVersion = infoVersion(head);
  if (baseDocument === undefined) return { api, state: "new", specVersion, changes: [], generatedFiles };
  const baseSpecVersion = infoVersion(baseDocument);
  const changes: SpecChange[] = [];
  const specChanged = canonical(baseDocument) !== canonical(head);
  if (specChanged) {
    const report = await session.diff(join(scratch, "base.json"), join(scratch, "head.json"));
    changes.push(...rateChanges(report.changes, baseDocument, head));
    if (changes.length === 0) {
      changes.push({
        impact: "patch",
        message: `The bundled spec changed (since ${base.label}) in a way redocly diff does not report.`,
        pointer: "#",
        rule: "leadkit/bundle-changed",
      });
    }
  } else if (generatedFiles.length > 0) {
    changes.push({
      impact: "patch",
      message: `The generated output changed although the spec did not (a generator or dependency upgrade): ${generatedFiles.join(", ")}.`,
      pointer: "#",
      rule: "leadkit/generated-output-changed",
    });
  }
  const state: ApiState = specChanged ? "changed" : changes.length > 0 ? "generated-only" : "unchanged";
  return { api, state, baseSpecVersion, specVersion, changes, generatedFiles };
}

interface Bundled {
  readonly item: Prepared;
  /** The bundled spec of the working tree. */
  readonly head: Record<string, unknown>;
  /** The bundled spec at the base ref; undefined when the API is new since. */
  readonly base?: Record<string, unknown>;
}

async function bundleSides(
  session: RedoclySession,
  root: string,
  base: BaseRef,
  item: Prepared,
): Promise<Bundled> {
  const head = await session.bundle({
    specFile: item.api.specFile,
    root,
    outFile: join(item.scratch, "head.json"),
    label: item.api.specPath,
  });
  if (item.basePath === undefined) return { item, head };
  const baseRoot = join(item.scratch, "base");
  return {
    item,
    head,
    base: await session.bundle({
      specFile: join(baseRoot, item.basePath),
      root: baseRoot,
      outFile: join(item.scratch, "base.json"),
      label: `${item.basePath} at ${base.label}`,
    }),
  };
}

/** Bundles both sides of every API, then (once every spec bundled) diffs them. */
async function compareApis(root: string, base: BaseRef, apis: readonly ApiEntry[]): Promise<Compared[]> {
  const session = await RedoclySession.open();
  try {
    const prepared = await Promise.all(apis.map((api) => prepareApi(session, root, base, api)));
    const bundled: Bundled[] = [];
    for (const item of prepared) bundled.push(await bundleSides(session, root, base, item));
    return await Promise.all(
      bundled.map((sides) => compareApi(session, base, sides.item, sides.head, sides.base)),
    );
  } finally {
    await session.close();
  }
}

function packageStatus(
  pkg: WorkspacePackage,
  baseManifest: Manifest | undefined,
  plan: ReleasePlan,
  required: Impact,
): PackageStatus {
  const planned = plan.releases.get(pkg.manifest.name)?.type ?? "none";
  const versioned =
    baseManifest === undefined ? "none" : (bumpBetween(baseManifest.version, pkg.manifest.version) ?? "none");
  return {
    name: pkg.manifest.name,
    path: pkg.path,
    version: pkg.manifest.version,
    baseVersion: baseManifest?.version,
    planned,
    versioned,
    recordedSpecVersion: pkg.manifest.leadkit?.specVersion,
    // A package that did not exist at the base is released for the first time at its version.
    covered: baseManifest === undefined || rank(maxImpact(planned, versioned)) >= rank(required),
  };
}

/**
 * The info.version the spec changes need, when the spec's own is lower: the base version raised
 * by the highest impact of the spec changes. Undefined when it is high enough, or nothing is due.
 */
function neededSpecVersion(
  compared: Compared,
): { impact: Impact; moved?: Impact; wanted: string } | undefined {
  if (compared.state !== "changed" || compared.baseSpecVersion === undefined) return undefined;
  const impact = highestImpact(compared.changes);
  if (impact === "none") return undefined;
  const moved = bumpBetween(compared.baseSpecVersion, compared.specVersion);
  if (moved !== undefined && rank(moved) >= rank(impact)) return undefined;
  return { impact, moved, wanted: bumped(compared.baseSpecVersion, impact) };
}

function problemsOf(compared: Compared, packages: readonly PackageStatus[]): Problem[] {
  const { api, changes } = compared;
  const problems: Problem[] = [];
  const impact = highestImpact(changes);
  const needed = neededSpecVersion(compared);
  if (needed !== undefined) {
    problems.push({
      api: api.name,
      message: `${api.specPath}: info.version went ${compared.baseSpecVersion} → ${compared.specVersion}${needed.moved === undefined ? " (not a semver increase)" : ` (${needed.moved})`}, but the spec changes are ${needed.impact}.`,
      fix: `Fix: run \`${COMMAND} --write\` (it sets info.version in ${api.specPath} to ${needed.wanted}, regenerates and adds the changeset), or set it to ${needed.wanted} or higher by hand.`,
    });
  }
  const short = packages.filter((pkg) => !pkg.covered);
  if (impact !== "none" && short.length > 0) {
    const planned = [...new Set(short.map((pkg) => maxImpact(pkg.planned, pkg.versioned)))].join("/");
    problems.push({
      api: api.name,
      message: `${api.name}: the changes need a ${impact} release of ${short.map((pkg) => pkg.name).join(" and ")}, but the pending changesets release ${short.length === 1 ? "it" : "them"} as ${planned === "none" ? "nothing" : planned}.`,
      fix: `Fix: run \`${COMMAND} --write\` (it adds .changeset/${specChangesetId(api.name, compared.specVersion)}.md), or raise the bump in the pending changeset.`,
    });
  }
  for (const pkg of packages) {
    const recorded = pkg.recordedSpecVersion;
    if (pkg.versioned !== "none" && recorded !== compared.specVersion) {
      problems.push({
        api: api.name,
        message: `${pkg.name} ${pkg.version} records leadkit.specVersion ${recorded ?? "(none)"} but its spec is at ${compared.specVersion}.`,
        fix: "Fix: run `pnpm version-packages`, which versions the packages and records the spec version.",
      });
    } else if (
      recorded !== undefined &&
      recorded !== compared.specVersion &&
      pkg.planned === "none" &&
      pkg.versioned === "none"
    ) {
      problems.push({
        api: api.name,
        message: `${pkg.name} ${pkg.version} was released from spec ${recorded}, the spec is now ${compared.specVersion}, and no pending changeset releases it.`,
        fix: `Fix: run \`${COMMAND} --write --base <the commit of the last release>\`, or add a changeset with \`pnpm changeset\`.`,
      });
    }
  }
  return problems;
}

/** The summary of the changeset spec:diff writes; it becomes the CHANGELOG entry. */
export function changesetSummary(compared: Compared, impact: Impact): string {
  const { api } = compared;
  const head =
    compared.state === "generated-only"
      ? `Regenerated from the unchanged spec \`${api.name}\` (${api.specPath}, info.version ${compared.specVersion}): ${impact}.`
      : `Spec \`${api.name}\` (${api.specPath}) info.version ${compared.baseSpecVersion ?? "?"} → ${compared.specVersion}: ${impact}.`;
  const lines = compared.changes.map(
    (change) =>
      `- ${change.impact}: ${change.message}${change.where === undefined ? "" : ` (${change.where})`}`,
  );
  return [head, "", ...lines].join("\n");
}

async function baseManifests(
  root: string,
  base: BaseRef,
  packages: readonly WorkspacePackage[],
): Promise<Map<string, Manifest | undefined>> {
  const entries = await Promise.all(
    packages.map(async (pkg) => {
      const text = await showFile(root, base.commit, `${pkg.path}/package.json`);
      return [pkg.manifest.name, text === undefined ? undefined : (JSON.parse(text) as Manifest)] as const;
    }),
  );
  return new Map(entries);
}

/** Writes, refreshes or removes the spec changesets this branch added for the API. */
async function writeSpecChangeset(
  root: string,
  base: BaseRef,
  compared: Compared,
  packages: readonly WorkspacePackage[],
  covered: boolean,
): Promise<string | undefined> {
  const impact = highestImpact(compared.changes);
  const ours: string[] = [];
  for (const id of await pendingChangesetIds(root)) {
    const atBase = await showFile(root, base.commit, `.changeset/${id}.md`);
    if (isSpecChangesetOf(id, compared.api.name) && atBase === undefined) ours.push(id);
  }
  // Ours are regenerated from the current diff; a covering changeset written by hand is kept.
  for (const id of ours) await removeChangeset(root, id);
  if (impact === "none" || packages.length === 0 || (covered && ours.length === 0)) return undefined;
  const id = specChangesetId(compared.api.name, compared.specVersion);
  const contents = renderChangeset(
    packages.map((pkg) => ({ name: pkg.manifest.name, type: impact })),
    changesetSummary(compared, impact),
  );
  const file = await writeChangeset(root, id, contents);
  return posix(relative(root, file));
}

export async function specDiff(options: SpecDiffOptions = {}): Promise<SpecDiffReport> {
  const workspace = loadWorkspace(options.root);
  const root = workspace.root;
  const base = await resolveBase(root, options.base);
  const selected =
    options.apis === undefined || options.apis.length === 0
      ? workspace.apis
      : options.apis.map((name) => {
          const api = workspace.apis.find((entry) => entry.name === name);
          if (api === undefined)
            throw new ReleaseError(
              `Unknown API \`${name}\`.`,
              `APIs in redocly.yaml: ${workspace.apis.map((entry) => entry.name).join(", ")}.`,
            );
          return api;
        });
  let compared = await compareApis(root, base, selected);
  const allPackages = await apiPackages(workspace);
  const packagesOf = (api: ApiEntry) =>
    allPackages.find((entry) => entry.api.name === api.name)?.packages ?? [];
  const manifests = await baseManifests(
    root,
    base,
    allPackages.flatMap((entry) => entry.packages),
  );

  const evaluate = (plan: ReleasePlan, item: Compared) => {
    const impact = highestImpact(item.changes);
    const statuses = packagesOf(item.api).map((pkg) =>
      packageStatus(pkg, manifests.get(pkg.manifest.name), plan, impact),
    );
    return { impact, statuses };
  };

  const raised = new Map<string, { from: string; to: string }>();
  const regenerated = new Map<string, string[]>();
  if (options.write) {
    for (const item of compared) {
      const needed = neededSpecVersion(item);
      if (needed === undefined) continue;
      const from = await setInfoVersion(item.api.specFile, item.api.specPath, needed.wanted);
      raised.set(item.api.name, { from, to: needed.wanted });
    }
    for (const item of compared.filter((entry) => entry.state === "changed")) {
      const result = await generateApi(workspace, item.api);
      if (result.status === "lint-failed") {
        throw new ReleaseError(
          `${item.api.specPath} fails lint, so spec:diff --write cannot regenerate ${item.api.name}${raised.has(item.api.name) ? ` (its info.version is already raised to ${raised.get(item.api.name)?.to})` : ""}:\n${result.problems.map((problem) => `  ${formatProblem(problem)}`).join("\n")}`,
          `Fix the spec, then run \`${COMMAND} --write\` again.`,
        );
      }
      if (result.changes.length > 0)
        regenerated.set(
          item.api.name,
          result.changes.map((change) => change.path),
        );
    }
    // The raised versions and the regenerated files are part of what is released: compare again.
    if (raised.size > 0 || regenerated.size > 0) compared = await compareApis(root, base, selected);
  }

  let plan = await readReleasePlan(root);
  const wrote = new Map<string, string>();
  if (options.write) {
    for (const item of compared) {
      const { statuses } = evaluate(plan, item);
      const file = await writeSpecChangeset(
        root,
        base,
        item,
        packagesOf(item.api),
        statuses.every((status) => status.covered),
      );
      if (file !== undefined) wrote.set(item.api.name, file);
    }
    plan = await readReleasePlan(root);
  }

  const apis: ApiDiff[] = compared.map((item) => {
    const { impact, statuses } = evaluate(plan, item);
    return {
      api: item.api.name,
      specPath: item.api.specPath,
      state: item.state,
      baseSpecVersion: item.baseSpecVersion,
      specVersion: item.specVersion,
      impact,
      changes: item.changes,
      generatedFiles: item.generatedFiles,
      packages: statuses,
      problems: problemsOf(item, statuses),
      ...(wrote.has(item.api.name) ? { wrote: wrote.get(item.api.name) } : {}),
      ...(raised.has(item.api.name) ? { raisedSpecVersion: raised.get(item.api.name) } : {}),
      ...(regenerated.has(item.api.name) ? { regenerated: regenerated.get(item.api.name) } : {}),
    };
  });
  return { base, apis, problems: apis.flatMap((api) => api.problems) };
}
