// Pending changesets: what the next `changeset version` will release, and the changesets that
// spec:diff writes. The release plan comes from changesets itself (fixed groups, dependents and
// private packages applied), so "covered" means exactly what the next release will do.
import { existsSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import getReleasePlan from "@changesets/get-release-plan";
import { ReleaseError } from "./errors.js";
import { type Impact, isImpact } from "./impact.js";

export const CHANGESET_DIR = ".changeset";

export interface PlannedRelease {
  readonly name: string;
  readonly type: Impact;
  readonly oldVersion: string;
  readonly newVersion: string;
  readonly changesets: readonly string[];
}

export interface ReleasePlan {
  readonly changesets: readonly { id: string; releases: readonly { name: string; type: string }[] }[];
  readonly releases: ReadonlyMap<string, PlannedRelease>;
}

export async function readReleasePlan(root: string): Promise<ReleasePlan> {
  if (!existsSync(join(root, CHANGESET_DIR, "config.json"))) {
    throw new ReleaseError(
      `${CHANGESET_DIR}/config.json is missing, so there is no release plan to compare with.`,
      "Restore it from the main branch (it holds leadkit's release policy).",
    );
  }
  let plan: Awaited<ReturnType<typeof getReleasePlan>>;
  try {
    plan = await getReleasePlan(root);
  } catch (error) {
    throw new ReleaseError(
      `changesets could not read the pending changesets: ${(error as Error).message}`,
      `Fix the file it names in ${CHANGESET_DIR}/ (a changeset is front matter of \`"<package>": patch|minor|major\` lines, then a summary).`,
    );
  }
  const releases = new Map<string, PlannedRelease>();
  for (const release of plan.releases) {
    if (!isImpact(release.type) || release.type === "none") continue;
    releases.set(release.name, { ...release, type: release.type });
  }
  return { changesets: plan.changesets, releases };
}

/** Changeset ids (file names without `.md`) pending in the working tree. */
export async function pendingChangesetIds(root: string): Promise<string[]> {
  const dir = join(root, CHANGESET_DIR);
  if (!existsSync(dir)) return [];
  return (await readdir(dir))
    .filter((file) => file.endsWith(".md") && file.toLowerCase() !== "readme.md")
    .map((file) => file.slice(0, -3))
    .sort();
}

/** The changeset id spec:diff uses for an API's spec change: `spec-<api>-<info.version>`. */
export function specChangesetId(api: string, specVersion: string): string {
  return `spec-${api}-${specVersion.replace(/[^0-9A-Za-z.-]/g, "_")}`;
}

export function isSpecChangesetOf(id: string, api: string): boolean {
  return id.startsWith(`spec-${api}-`) && /^[0-9]/.test(id.slice(`spec-${api}-`.length));
}

export function renderChangeset(
  releases: ReadonlyArray<{ name: string; type: Impact }>,
  summary: string,
): string {
  const front = releases.map((release) => `${JSON.stringify(release.name)}: ${release.type}`).join("\n");
  return `---\n${front}\n---\n\n${summary.trim()}\n`;
}

export async function writeChangeset(root: string, id: string, contents: string): Promise<string> {
  const file = join(root, CHANGESET_DIR, `${id}.md`);
  await writeFile(file, contents);
  return file;
}

export async function removeChangeset(root: string, id: string): Promise<void> {
  await rm(join(root, CHANGESET_DIR, `${id}.md`), { force: true });
}
