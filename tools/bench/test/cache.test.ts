// turbo's caching, asserted from its own run summaries on temp copies of this working tree:
//
// 1. After a cold main build, a no-op `pnpm build` (and `pnpm run main`) is fully cached: no
//    task misses the cache because another task wrote files into its inputs.
// 2. A second clean clone pointed at a remote cache (turborepo-remote-cache on 127.0.0.1, fed by
//    the first copy's cold build) gets every task of the main build from it.
// 3. The affected-only rule. Editing one API's spec (specs/drivly/openapi.yaml) changes the hash,
//    so re-runs, of exactly:
//      a. every task of that API's two packages (@leadkit/drivly-types, @leadkit/drivly): its
//         lint:specs, generate, check:generated, build, build:reference (its docs page),
//         typecheck and test;
//      b. every task that depends on one of those in turbo's task graph: the tasks of the
//         packages that declare a dependency on the API's packages, i.e. the docs site
//         (@leadkit/docs, which assembles every API: its landing page is rebuilt, the other
//         APIs' pages are copied from their cached build:reference) and the consumer
//         type-check of the benchmarks (@leadkit/bench);
//      c. tests whose own inputs include the edited file: the tests that copy the whole working
//         tree (release, scaffold and this package's end-to-end tests);
//    and nothing else: no task of another API (in particular not its build:reference: its
//    reference page is not rendered again), nor of the codegen, runtime or other tools.
//    The main build after the edit runs exactly the tasks of its graph in that set; the run
//    after that is fully cached again (generated files never make a task miss).
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
  MAIN_TASKS,
  runTurbo,
  type TurboRun,
} from "../src/turbo.js";

const STEP = 900_000;
const EDITED_API = "drivly";
const EDITED_SPEC = `specs/${EDITED_API}/openapi.yaml`;
const API_PACKAGES = [`@leadkit/${EDITED_API}-types`, `@leadkit/${EDITED_API}`];
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
      const sources = new Set(
        run.summary.tasks.filter((task) => task.command !== "<NONEXISTENT>").map((task) => task.cache.source),
      );
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

      // (a) every task of the API's own packages
      const own = [...after.keys()].filter((id) => API_PACKAGES.includes(packageOf(id))).sort();
      expect(own).toContain(`@leadkit/${EDITED_API}-types#lint:specs`);
      expect(own).toContain(`@leadkit/${EDITED_API}-types#build:reference`);
      expect(own).toContain(`@leadkit/${EDITED_API}#test`);
      // (b) every task that depends on one of them, through turbo's task graph
      const dependents = new Set<string>();
      let grew = true;
      while (grew) {
        grew = false;
        for (const [id, task] of after) {
          if (dependents.has(id) || own.includes(id)) continue;
          if (
            task.dependencies.some((dependency) => own.includes(dependency) || dependents.has(dependency))
          ) {
            dependents.add(id);
            grew = true;
          }
        }
      }
      // ...which are the tasks of the packages that declare a dependency on the API's packages.
      const declaring = await packagesDependingOn(first.root, API_PACKAGES);
      expect(declaring).toContain(SITE_PACKAGE);
      expect([...new Set([...dependents].map(packageOf))].sort()).toEqual(declaring);
      expect(dependents).toContain(`${SITE_PACKAGE}#build`);
      // (c) tests whose own inputs include the edited file
      const readers = [...after.values()]
        .filter((task) => inputFiles(task).includes(EDITED_SPEC))
        .map((task) => task.taskId)
        .filter((id) => !own.includes(id) && !dependents.has(id));
      for (const id of readers) expect(id, `${id} reads the whole tree`).toMatch(/#test$/);
      expect(changed).toEqual([...new Set([...own, ...dependents, ...readers])].sort());

      // Nothing of any other API re-runs, its reference page included.
      const otherApis = [...after.keys()].filter((id) => /^@leadkit\/dealer-studio(-types)?#/.test(id));
      expect(otherApis.length).toBeGreaterThan(0);
      expect(changed.filter((id) => otherApis.includes(id))).toEqual([]);
      expect(changed).not.toContain("@leadkit/dealer-studio-types#build:reference");
      expect(changed.filter((id) => /^@leadkit\/(codegen|runtime|testing|lint-rules)#/.test(id))).toEqual([]);
      console.log(
        `a one-spec edit changes ${changed.length} of ${after.size} task hashes:\n  ${changed.join("\n  ")}`,
      );

      // The real main build runs exactly those of its tasks, and then is fully cached again.
      const rebuild = await runTurbo(first, MAIN_TASKS);
      timings.push(["main build after a one-spec edit", rebuild.result.ms]);
      const mainGraph = rebuild.summary.tasks
        .filter((task) => task.command !== "<NONEXISTENT>")
        .map((task) => task.taskId);
      expect(rebuild.ran).toEqual(changed.filter((id) => mainGraph.includes(id)));
      expect(rebuild.ran).toContain(`@leadkit/${EDITED_API}-types#build:reference`);
      expect(rebuild.cached).toContain("@leadkit/dealer-studio-types#build:reference");
      const again = await runTurbo(first, MAIN_TASKS);
      expect(again.ran).toEqual([]);
    },
    STEP,
  );
});
