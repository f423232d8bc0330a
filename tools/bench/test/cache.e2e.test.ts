// turbo's caching, asserted from its own run summaries on temp copies of this working tree:
//
// 1. After a cold main build, a no-op `pnpm build` (and `pnpm run main`) is fully cached: no
//    task misses the cache because another task wrote files into its inputs.
// 2. A second clean clone pointed at a remote cache (turborepo-remote-cache on 127.0.0.1, fed by
//    the first copy's cold build) gets every task of the main build from it.
// 3. The affected-only rule. Editing one API's spec (specs/drivly/openapi.yaml) changes the hash,
//    so re-runs, of exactly:
//      a. every task of that API's two packages (@leadkit/drivly-types, @leadkit/drivly): its
//         lint:specs, generate, check:generated, build and test;
//      b. every task that depends on one of those in turbo's task graph: the tasks of the
//         packages that declare a dependency on the API's packages, i.e. the docs site
//         (@leadkit/docs, which assembles every API: it renders the edited API's reference
//         page and reuses the others', kept from the build that rendered them), the consumer
//         type-check of the benchmarks (@leadkit/bench) and the workspace's type-check
//         (@leadkit/typecheck, which depends on every package);
//      c. tests whose own inputs include the edited file: the tests that read the whole working
//         tree (release's and scaffold's, this package's, and every end-to-end suite: test:e2e);
//    and nothing else: no task of another API, nor of the codegen, runtime or other tools; and
//    the docs build does not render another API's reference page again.
//    The main build after the edit runs exactly the tasks of its graph in that set; the run
//    after that is fully cached again (generated files never make a task miss).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanEnv, copyWorkspace, runCommand, type WorkspaceCopy } from "@leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RemoteCache, startRemoteCache } from "../src/remote-cache.js";
import {
  ALL_TASKS,
  changedTasks,
  dryRun,
  inputFiles,
  isReal,
  MAIN_TASKS,
  realTasks,
  runScript,
  runTurbo,
  type TurboRun,
} from "../src/turbo.js";

const STEP = 900_000;
const EDITED_API = "drivly";
const EDITED_SPEC = `specs/${EDITED_API}/openapi.yaml`;
/** Every package generated from the edited API's spec. */
const API_PACKAGES = [
  `@leadkit/${EDITED_API}-types`,
  `@leadkit/${EDITED_API}`,
  `@leadkit/${EDITED_API}-mock`,
  `@leadkit/${EDITED_API}-mcp`,
];
const SITE_PACKAGE = "@leadkit/docs";

let first: WorkspaceCopy;
let second: WorkspaceCopy | undefined;
let cache: RemoteCache;
let cold: TurboRun;
const timings: Array<[string, number]> = [];
const packageOf = (taskId: string) => taskId.slice(0, taskId.lastIndexOf("#"));

/** Workspace packages whose package.json names one of `names` as a (dev) dependency. */
async function packagesDependingOn(root: string, names: readonly string[]): Promise<string[]> {
  const { stdout } = await runCommand("pnpm", ["ls", "-r", "--depth", "-1", "--json"], root);
  const packages = JSON.parse(stdout) as Array<{ name: string; path: string }>;
  return packages
    .filter((pkg) => {
      const manifest = JSON.parse(readFileSync(join(pkg.path, "package.json"), "utf8")) as Record<
        string,
        unknown
      >;
      const deps = { ...(manifest.dependencies as object), ...(manifest.devDependencies as object) };
      return names.some((name) => name in deps) && !names.includes(pkg.name);
    })
    .map((pkg) => pkg.name)
    .sort();
}

beforeAll(async () => {
  const started = performance.now();
  first = await copyWorkspace({ install: true });
  timings.push(["copy + install (first copy)", performance.now() - started]);
  cache = await startRemoteCache(join(first.root, "..", "remote-cache"));
}, STEP);

afterAll(async () => {
  await cache?.stop();
  await second?.cleanup();
  await first?.cleanup();
  console.log(
    `cache test timings (s):\n${timings.map(([step, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)}  ${step}`).join("\n")}`,
  );
}, 120_000);

describe("turbo caching", () => {
  it(
    "a no-op build after a full build is fully cached",
    async () => {
      cold = await runTurbo(first, MAIN_TASKS, {
        env: cleanEnv(cache.env),
      });
      timings.push(["cold main build (uploads to the remote cache)", cold.result.ms]);
      expect(cold.cached).toEqual([]);
      expect(cold.ran.length).toBeGreaterThan(10);

      const build = await runTurbo(first, ["build"]);
      timings.push(["no-op pnpm build", build.result.ms]);
      expect(build.ran).toEqual([]);
      const main = await runTurbo(first, MAIN_TASKS);
      expect(main.ran).toEqual([]);
      expect(main.cached).toEqual(cold.ran);
    },
    STEP,
  );

  it(
    "a second clean clone pointed at the remote cache gets every task from it",
    async () => {
      const started = performance.now();
      second = await copyWorkspace({ from: first.root, install: true });
      timings.push(["copy + install (second copy)", performance.now() - started]);
      const run = await runTurbo(second, MAIN_TASKS, {
        env: cleanEnv(cache.env),
      });
      timings.push(["main build of the second copy, from the remote cache", run.result.ms]);
      expect(run.ran).toEqual([]);
      expect(run.cached).toEqual(cold.ran);
      const sources = new Set(realTasks(run.summary).map((task) => task.cache.source));
      expect([...sources]).toEqual(["REMOTE"]);
      // The outputs came with the hits: the site and the packages are there.
      expect(readFileSync(join(second.root, "docs", "dist", EDITED_API, "index.html"), "utf8")).toContain(
        "<!DOCTYPE html>",
      );
      expect(readFileSync(join(second.root, "packages", EDITED_API, "dist", "index.js"), "utf8")).toContain(
        "export",
      );
    },
    STEP,
  );

  it(
    `editing ${EDITED_SPEC} re-runs that API's tasks, their dependents' (the docs site) and whole-tree tests, nothing else`,
    async () => {
      const before = await dryRun(first, ALL_TASKS);
      const spec = join(first.root, EDITED_SPEC);
      const text = readFileSync(spec, "utf8");
      const edited = text
        .replace(
          /^ {2}version: (\d+)\.(\d+)\.(\d+)$/m,
          (_m, major, minor, patch) => `  version: ${major}.${minor}.${Number(patch) + 1}`,
        )
        .replace(
          "  summary: Leads of the Drivly commerce API",
          "  summary: The leads of the Drivly commerce API",
        );
      expect(edited).not.toBe(text);
      writeFileSync(spec, edited);
      const after = await dryRun(first, ALL_TASKS);
      const changed = changedTasks(before, after);

      // (a) every task of the API's own packages (that runs a command: the client's, mock's and
      // MCP server's `build` has none, the types package's builds them)
      const ofApi = [...after.keys()].filter((id) => API_PACKAGES.includes(packageOf(id)));
      const own = ofApi.filter((id) => isReal(after.get(id))).sort();
      expect(own).toContain(`@leadkit/${EDITED_API}-types#lint:specs`);
      expect(own).toContain(`@leadkit/${EDITED_API}-types#generate`);
      expect(own).toContain(`@leadkit/${EDITED_API}-types#build`);
      expect(own).toContain(`@leadkit/${EDITED_API}#test`);
      expect(own).toContain(`@leadkit/${EDITED_API}-mock#test`);
      expect(own).not.toContain(`@leadkit/${EDITED_API}#build`);
      // (b) every task that depends on one of them, through turbo's task graph (which passes
      // through the tasks without a command: the docs' ^build reaches the types package's build
      // through the client's)
      const reached = new Set<string>();
      let grew = true;
      while (grew) {
        grew = false;
        for (const [id, task] of after) {
          if (reached.has(id) || ofApi.includes(id)) continue;
          if (task.dependencies.some((dependency) => ofApi.includes(dependency) || reached.has(dependency))) {
            reached.add(id);
            grew = true;
          }
        }
      }
      const dependents = new Set([...reached].filter((id) => isReal(after.get(id))));
      // ...which are the tasks of the packages that declare a dependency on the API's packages.
      const declaring = await packagesDependingOn(first.root, API_PACKAGES);
      expect(declaring).toContain(SITE_PACKAGE);
      expect([...new Set([...dependents].map(packageOf))].sort()).toEqual(declaring);
      expect(dependents).toContain(`${SITE_PACKAGE}#build`);
      // (c) tests whose own inputs include the edited file
      const readers = [...after.values()]
        .filter((task) => isReal(task) && inputFiles(task).includes(EDITED_SPEC))
        .map((task) => task.taskId)
        .filter((id) => !own.includes(id) && !dependents.has(id));
      for (const id of readers) expect(id, `${id} reads the whole tree`).toMatch(/#test(:e2e)?$/);
      expect(changed).toEqual([...new Set([...own, ...dependents, ...readers])].sort());

      // Nothing of any other API re-runs.
      const otherApis = [...after.keys()].filter((id) => /^@leadkit\/dealer-studio(-types)?#/.test(id));
      expect(otherApis.length).toBeGreaterThan(0);
      expect(changed.filter((id) => otherApis.includes(id))).toEqual([]);
      expect(changed.filter((id) => /^@leadkit\/(codegen|runtime|testing|lint-rules)#/.test(id))).toEqual([]);
      console.log(
        `a one-spec edit changes ${changed.length} of ${[...after.values()].filter(isReal).length} task hashes:\n  ${changed.join("\n  ")}`,
      );

      // The real main build runs exactly those of its tasks, and then is fully cached again.
      const rebuild = await runTurbo(first, MAIN_TASKS);
      timings.push(["main build after a one-spec edit", rebuild.result.ms]);
      const mainGraph = realTasks(rebuild.summary).map((task) => task.taskId);
      expect(rebuild.ran).toEqual(changed.filter((id) => mainGraph.includes(id)));
      // The site build renders the edited API's reference page, and reuses the other API's.
      expect(rebuild.ran).toContain(`${SITE_PACKAGE}#build`);
      const siteLog = readFileSync(join(first.root, "docs", ".turbo", "turbo-build.log"), "utf8");
      expect(siteLog).toMatch(new RegExp(`^\\s*${EDITED_API}/ .*\\(rendered\\)$`, "m"));
      expect(siteLog).toMatch(/^\s*dealer-studio\/ .*\(reused: nothing it is made from changed\)$/m);
      const again = await runTurbo(first, MAIN_TASKS);
      expect(again.ran).toEqual([]);
    },
    STEP,
  );
});

// Issue: a cache hit used to restore nothing into the committed generated folders, so after a spec
// edit, a build and a revert, `pnpm run main` was fully cached and left the edited output in the
// tree. The rule replayed here: after any sequence of spec edits, reverts, branch switches, stashes
// and `pnpm run main` / `pnpm build` / `pnpm generate` / `pnpm dev`, every generated file equals what
// a fresh `pnpm generate` writes (`generate --check` passes and git sees only the expected paths),
// and the build after it is fully cached.
describe("generated files follow the spec, whatever turbo's cache did", () => {
  const SPECS = { drivly: "specs/drivly/openapi.yaml", "dealer-studio": "specs/dealer-studio/openapi.yaml" };
  const DESCRIPTIONS = {
    drivly: "Updates the Lead with the given ID and returns the updated document.",
    "dealer-studio": "Creates a new lead in Dealer Studio.",
  };
  type Api = keyof typeof SPECS;

  const edit = (api: Api, mark: string) => {
    const file = join(first.root, SPECS[api]);
    const text = readFileSync(file, "utf8");
    expect(text).toContain(DESCRIPTIONS[api]);
    writeFileSync(file, text.replace(DESCRIPTIONS[api], `${DESCRIPTIONS[api]} ${mark}`));
  };
  const git = (...args: string[]) =>
    first.run("git", ["-c", "user.name=t", "-c", "user.email=t@t.invalid", ...args]);
  /** Every generated file equals what the spec in the tree generates now. */
  const expectFresh = async (step: string) => {
    const check = await first.run("node", ["tools/codegen/bin/leadkit-codegen.js", "generate", "--check"], {
      check: false,
    });
    expect(check.code, `${step}: generate --check\n${check.stdout}${check.stderr}`).toBe(0);
  };
  const expectStatus = async (step: string, paths: readonly string[]) => {
    const changed = (await first.status()).map((line) => line.slice(3)).sort();
    expect(changed, step).toEqual([...paths].sort());
  };
  const generatedOf = (api: Api) => [
    `packages/${api}-types/spec/openapi.json`,
    `packages/${api}-types/spec/openapi.yaml`,
    `packages/${api}-types/src/generated/schema.gen.ts`,
    // The MCP tools carry the operations' descriptions, which the replay edits.
    `packages/${api}-mcp/src/generated/tools.gen.ts`,
  ];
  /** A build, then the same build again: it must run nothing. */
  const build = async (script: "main" | "build", step: string) => {
    const run = await runScript(first, script);
    timings.push([
      `replay: pnpm ${script === "main" ? "run main" : script}, ${step} (${run.ran.length} tasks ran)`,
      run.result.ms,
    ]);
    await expectFresh(step);
    const again = await runScript(first, script);
    expect(again.ran, `${step}: the build after it runs nothing`).toEqual([]);
    return run;
  };

  beforeAll(async () => {
    await git("checkout", "-q", "--", ".");
    await git("clean", "-fdq", "--", "specs", "packages");
  }, STEP);

  it(
    "edit, build, revert, build: both APIs",
    async () => {
      await build("main", "clean tree");
      await expectStatus("clean tree", []);
      edit("drivly", "(edited)");
      edit("dealer-studio", "(edited)");
      await build("main", "both specs edited");
      await expectStatus("both specs edited", [
        ...Object.values(SPECS),
        ...generatedOf("drivly"),
        ...generatedOf("dealer-studio"),
      ]);
      await git("checkout", "-q", "--", "specs");
      const reverted = await build("main", "both specs reverted");
      await expectStatus("both specs reverted", []);
      // the bug: every task was a cache hit and the generated files kept the edit
      expect(reverted.cached).toContain("@leadkit/drivly-types#codegen");
      expect(reverted.ran).toContain("@leadkit/drivly-types#generate");
    },
    STEP,
  );

  it(
    "branch switches between branches whose specs differ, with pnpm generate and pnpm build",
    async () => {
      await git("checkout", "-q", "-b", "spec-change");
      edit("drivly", "(on a branch)");
      await first.run("pnpm", ["generate"]);
      await expectFresh("pnpm generate on the branch");
      await git("commit", "-qam", "drivly: a spec change, regenerated");
      for (const branch of ["main", "spec-change", "main", "spec-change"]) {
        await git("checkout", "-q", branch);
        await build("build", `pnpm build on ${branch}`);
        await expectStatus(`pnpm build on ${branch}`, []);
      }
      // a branch whose generated files were committed stale (someone forgot pnpm generate)
      await git("checkout", "-q", "-b", "stale-output", "main");
      edit("dealer-studio", "(committed without regenerating)");
      await git("commit", "-qam", "dealer-studio: a spec change, not regenerated");
      await build("main", "a branch with stale committed output");
      await expectStatus("a branch with stale committed output", generatedOf("dealer-studio"));
      await git("checkout", "-q", "--", ".");
      await git("checkout", "-q", "main");
      await build("main", "back on main");
      await expectStatus("back on main", []);
    },
    STEP,
  );

  it(
    "git stash of the spec alone, and pnpm dev regenerating on an edit",
    async () => {
      edit("dealer-studio", "(stashed)");
      await build("build", "dealer-studio edited");
      await git("stash", "push", "-q", "--", SPECS["dealer-studio"]);
      await build("build", "spec stashed, its output left behind");
      await expectStatus("spec stashed", []);
      await git("stash", "pop", "-q");
      await build("main", "stash popped");
      await expectStatus("stash popped", [SPECS["dealer-studio"], ...generatedOf("dealer-studio")]);
      await git("checkout", "-q", "--", ".");

      // `pnpm dev` regenerates in place (outside turbo) on a spec edit; then the edit is undone.
      const dev = spawn("pnpm", ["dev"], {
        cwd: first.root,
        env: cleanEnv({ LEADKIT_DOCS_PORT: "0" }),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let output = "";
      dev.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      dev.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      const waitFor = async (pattern: RegExp, what: string) => {
        const deadline = Date.now() + 180_000;
        while (!pattern.test(output)) {
          if (Date.now() > deadline || dev.exitCode !== null)
            throw new Error(`pnpm dev: no ${what}:\n${output}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      try {
        await waitFor(/http:\/\/127\.0\.0\.1:\d+/, "URL");
        edit("drivly", "(edited while pnpm dev runs)");
        await waitFor(/✓ drivly: .*reference rebuilt/, "rebuild of drivly");
        await expectFresh("pnpm dev regenerated drivly");
      } finally {
        if (dev.pid !== undefined) process.kill(-dev.pid, "SIGTERM");
        await once(dev, "close");
      }
      await git("checkout", "-q", "--", SPECS.drivly);
      await build("main", "the edit pnpm dev saw, undone");
      await expectStatus("after pnpm dev", []);
    },
    STEP,
  );
});
