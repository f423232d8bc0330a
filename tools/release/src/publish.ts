// `pnpm release`: refuse to publish anything inconsistent, build and test the published
// packages, then `changeset publish` (which publishes through pnpm, so `workspace:` ranges are
// rewritten, and skips versions the registry already has).
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pendingChangesetIds } from "./changesets.js";
import { ReleaseError } from "./errors.js";
import { run } from "./exec.js";
import { changesetBin } from "./version.js";
import { apiPackages, listPackages, loadWorkspace, rootSpecVersion } from "./workspace.js";

/** Set to `false` to publish without npm provenance (a local registry, a dry run outside CI). */
export const PROVENANCE_ENV = "LEADKIT_PROVENANCE";

export interface ReleaseOptions {
  readonly root?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Skip the build-and-test step (the caller has just run it). */
  readonly skipBuild?: boolean;
}

export function provenanceDisabled(env: NodeJS.ProcessEnv): boolean {
  return /^(false|off|0|no)$/i.test(env[PROVENANCE_ENV] ?? "");
}

/** Whether npm can sign provenance here: it needs a CI OIDC identity (GitHub Actions or GitLab CI). */
export function provenanceProvider(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_ACTIONS === "true" && env.ACTIONS_ID_TOKEN_REQUEST_URL) return "GitHub Actions";
  if (env.GITLAB_CI === "true" && env.SIGSTORE_ID_TOKEN) return "GitLab CI";
  return undefined;
}

/** Everything that must hold before anything is built or published; returns the problems. */
export async function releaseProblems(root: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const workspace = loadWorkspace(root);
  const problems: string[] = [];
  const pending = await pendingChangesetIds(root);
  if (pending.length > 0) {
    problems.push(
      `Pending changesets (${pending.map((id) => `.changeset/${id}.md`).join(", ")}) are not versioned yet.\n  Fix: run \`pnpm version-packages\` and commit the result, then release.`,
    );
  }
  for (const { api, packages } of await apiPackages(workspace)) {
    const specVersion = await rootSpecVersion(api.specFile);
    for (const pkg of packages) {
      const recorded = pkg.manifest.leadkit?.specVersion;
      if (recorded !== specVersion || pkg.manifest.leadkit?.api !== api.name) {
        problems.push(
          `${pkg.manifest.name} ${pkg.manifest.version} records leadkit ${JSON.stringify(pkg.manifest.leadkit ?? null)}, but it is generated from ${api.specPath} info.version ${specVersion}.\n  Fix: run \`pnpm spec:diff --write\` (a spec change needs a release), then \`pnpm version-packages\`.`,
        );
      }
    }
  }
  for (const pkg of await listPackages(root)) {
    if (pkg.manifest.private === true) continue;
    const config = pkg.manifest.publishConfig ?? {};
    if (config.access !== "public" || config.provenance !== true) {
      problems.push(
        `${pkg.manifest.name} (${pkg.path}) must publish with \`"publishConfig": { "access": "public", "provenance": true }\`.\n  Fix: run \`pnpm --filter @leadkit/release exec leadkit-release sync\`.`,
      );
    }
  }
  if (!provenanceDisabled(env) && provenanceProvider(env) === undefined) {
    problems.push(
      [
        "npm provenance is on (publishConfig.provenance), but this is not a CI job with an OIDC identity npm can sign with (GitHub Actions with `id-token: write`, or GitLab CI with SIGSTORE_ID_TOKEN).",
        `  Fix: release from CI; to publish without provenance (a local registry, a test), set ${PROVENANCE_ENV}=false.`,
      ].join("\n"),
    );
  }
  return problems;
}

/** After the build: the bundled spec each types package ships is the version it records. */
async function shippedSpecProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const { api, packages } of await apiPackages(loadWorkspace(root))) {
    const shipped = join(api.typesDir, "spec", "openapi.json");
    if (!existsSync(shipped)) continue;
    const version = (JSON.parse(await readFile(shipped, "utf8")) as { info?: { version?: string } }).info
      ?.version;
    for (const pkg of packages) {
      if (pkg.manifest.leadkit?.specVersion !== version) {
        problems.push(
          `${pkg.manifest.name} records spec ${pkg.manifest.leadkit?.specVersion}, but ${api.name}'s generated spec is ${version}.\n  Fix: run \`pnpm generate\` and commit.`,
        );
      }
    }
  }
  return problems;
}

/** A stand-in for npm that turns provenance off on the command line (the only place npm lets it beat publishConfig). */
async function withoutProvenance<T>(
  env: NodeJS.ProcessEnv,
  body: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "leadkit-npm-"));
  try {
    const shim = join(dir, "npm-without-provenance");
    await writeFile(shim, '#!/bin/sh\nexec npm "$@" --provenance=false\n', { mode: 0o755 });
    // pnpm publish packs, then runs `<npm-path> publish <tarball>`.
    return await body({ ...env, npm_config_npm_path: shim });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function release(options: ReleaseOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const root = loadWorkspace(options.root).root;
  const problems = await releaseProblems(root, env);
  if (problems.length > 0) {
    throw new ReleaseError(`Not releasing:\n${problems.map((problem) => `- ${problem}`).join("\n")}`);
  }
  if (!options.skipBuild) {
    const checks = ["exec", "turbo", "run", "build", "test", "check:generated", "--filter=./packages/*"];
    const result = await run("pnpm", [...checks, "--output-logs=errors-only"], {
      cwd: root,
      env,
      inherit: true,
      check: false,
    });
    if (result.code !== 0) {
      throw new ReleaseError(
        "Not releasing: the build, tests or generated-files check of packages/* failed (output above); nothing was published.",
        `Fix: run \`pnpm ${checks.join(" ")}\` and fix what fails.`,
      );
    }
  }
  const shipped = await shippedSpecProblems(root);
  if (shipped.length > 0)
    throw new ReleaseError(`Not releasing:\n${shipped.map((problem) => `- ${problem}`).join("\n")}`);
  const publish = (publishEnv: NodeJS.ProcessEnv) =>
    run(process.execPath, [changesetBin(), "publish"], {
      cwd: root,
      env: publishEnv,
      inherit: true,
      check: false,
    });
  if (provenanceDisabled(env)) console.log(`${PROVENANCE_ENV}=false: publishing without npm provenance.`);
  const published = provenanceDisabled(env) ? await withoutProvenance(env, publish) : await publish(env);
  if (published.code !== 0) {
    throw new ReleaseError(
      "changeset publish failed (output above); packages it published before the failure stay published.",
      "Fix the cause and run `pnpm release` again: versions already on the registry are skipped.",
    );
  }
}
