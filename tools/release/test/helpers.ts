// Temp git repositories made from test/fixtures/workspace (a one-API leadkit workspace), so
// that spec:diff and changesets run against a real base ref without touching this repository.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);
export const FIXTURE = fileURLToPath(new URL("./fixtures/workspace", import.meta.url));
export const CHANGELOG_MODULE = fileURLToPath(new URL("../changelog.cjs", import.meta.url));

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec(
    "git",
    [
      "-c",
      "user.name=leadkit test",
      "-c",
      "user.email=test@leadkit.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { cwd },
  );
  return stdout;
}

export interface FixtureRepo {
  readonly root: string;
  read(path: string): Promise<string>;
  write(path: string, contents: string): Promise<void>;
  /** Replaces `from` (which must occur) with `to` in a file. */
  edit(path: string, from: string, to: string): Promise<void>;
  commit(message: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** A repo with the fixture committed on `main` and a `change` branch checked out. */
export async function fixtureRepo(): Promise<FixtureRepo> {
  const root = await mkdtemp(join(tmpdir(), "leadkit-release-test-"));
  await cp(FIXTURE, root, { recursive: true });
  const configFile = join(root, ".changeset", "config.json");
  const config = JSON.parse(await readFile(configFile, "utf8"));
  await writeFile(
    configFile,
    `${JSON.stringify({ ...config, changelog: [CHANGELOG_MODULE, {}] }, null, 2)}\n`,
  );
  await git(root, "init", "-q", "-b", "main");
  await git(root, "add", "-A");
  await git(root, "commit", "-q", "-m", "fixture");
  await git(root, "checkout", "-q", "-b", "change");
  const repo: FixtureRepo = {
    root,
    read: (path) => readFile(join(root, path), "utf8"),
    write: (path, contents) => writeFile(join(root, path), contents),
    async edit(path, from, to) {
      const text = await repo.read(path);
      if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
      await repo.write(path, text.replace(from, to));
    },
    async commit(message) {
      await git(root, "add", "-A");
      await git(root, "commit", "-q", "-m", message);
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  return repo;
}

export const SPEC = "specs/garage/openapi.yaml";
export const NEW_LEAD = "specs/garage/schemas/new-lead.yaml";

/** Sets the spec's info.version. */
export function bumpSpec(repo: FixtureRepo, version: string): Promise<void> {
  return repo.edit(SPEC, "version: 1.0.0", `version: ${version}`);
}
