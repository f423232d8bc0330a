// Every turbo task says what it reads and what it writes: each task of the root turbo.json
// declares `inputs` and `outputs`, and a task a package's turbo.json adds on its own does too.
// (cache.test.ts checks what that buys: no-op builds fully cached, affected-only rebuilds.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@leadkit/testing";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface TurboJson {
  tasks?: Record<string, { inputs?: unknown; outputs?: unknown; cache?: boolean }>;
}

const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as TurboJson;
const root = read(join(REPO_ROOT, "turbo.json"));
const packageConfigs = ["packages", "tools"]
  .flatMap((parent) => readdirSync(join(REPO_ROOT, parent)).map((name) => `${parent}/${name}/turbo.json`))
  .concat("docs/turbo.json")
  .filter((file) => existsSync(join(REPO_ROOT, file)));

describe("turbo.json", () => {
  it.each(Object.entries(root.tasks ?? {}))("root task %s declares inputs and outputs", (_name, task) => {
    expect(Array.isArray(task.inputs), "inputs").toBe(true);
    expect(Array.isArray(task.outputs), "outputs").toBe(true);
  });

  it.each(packageConfigs)("%s: tasks it adds declare inputs and outputs; it extends the root", (file) => {
    const config = read(join(REPO_ROOT, file)) as TurboJson & { extends?: string[] };
    expect(config.extends).toEqual(["//"]);
    for (const [name, task] of Object.entries(config.tasks ?? {})) {
      if (name in (root.tasks ?? {})) continue;
      expect(Array.isArray(task.inputs), `${name}.inputs`).toBe(true);
      expect(Array.isArray(task.outputs), `${name}.outputs`).toBe(true);
    }
  });

  it("restores generated files on a cache hit, and keeps them out of every hash but generate's and check:generated's", () => {
    // turbo hashes a task's existing outputs as its inputs. So the committed generated files are
    // not codegen's outputs (its hash would change on the run after every spec change, and every
    // task after it would miss once more): codegen, keyed on the spec, outputs a git-ignored mirror
    // of them, and generate, which copies the mirror into the tree, declares them as its outputs
    // and hashes them just in time, after codegen, when they already are what the spec generates.
    const tasks = root.tasks ?? {};
    expect(tasks.codegen?.outputs).toEqual([".artifacts/generated/**"]);
    expect(tasks.codegen?.inputs).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/generated|spec\/\*\*/)]),
    );
    expect(tasks.generate?.outputs).toEqual(["src/generated/**", "spec/**"]);
    expect(tasks.generate?.inputs).toContainEqual({ mode: "jit", globs: ["src/generated/**", "spec/**"] });
    expect((tasks.generate as { dependsOn?: string[] } | undefined)?.dependsOn).toEqual(["codegen"]);
    expect(tasks.build?.inputs).toContain("!src/generated/**");
    for (const name of ["test", "typecheck"]) {
      expect(tasks[name]?.inputs).toEqual(expect.arrayContaining(["!src/generated/**", "!spec/**"]));
    }
    expect(tasks["build:reference"]?.inputs).not.toContain("spec/**");
    expect(tasks["build:reference"]?.outputs).toEqual([".artifacts/reference/**"]);
    expect(tasks["check:generated"]?.inputs).toEqual(expect.arrayContaining(["src/generated/**", "spec/**"]));
    const docs = read(join(REPO_ROOT, "docs", "turbo.json"));
    expect(JSON.stringify(docs.tasks?.build?.inputs)).not.toMatch(/spec\/|generated/);
  });

  const apis = Object.keys(
    (parse(readFileSync(join(REPO_ROOT, "redocly.yaml"), "utf8")) as { apis: Record<string, unknown> }).apis,
  );
  it.each(apis)("%s: every package of the API generates from the spec after its own codegen", (api) => {
    const names = readdirSync(join(REPO_ROOT, "packages")).filter(
      (name) => name === api || name.startsWith(`${api}-`),
    );
    expect(names).toEqual(expect.arrayContaining([api, `${api}-types`]));
    for (const name of names) {
      const dir = join(REPO_ROOT, "packages", name);
      const { scripts } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      };
      expect(scripts.codegen, name).toMatch(
        new RegExp(`^leadkit-codegen generate --api ${api} --target \\w+ --mirror$`),
      );
      expect(scripts.generate, name).toBe("leadkit-codegen restore");
      // codegen is keyed on the spec (plus the root's config files and the package manifest), and
      // waits for nothing but the codegen's build
      expect(
        (read(join(dir, "turbo.json")).tasks?.codegen as { dependsOn?: string[] } | undefined)?.dependsOn,
        name,
      ).toEqual(["@leadkit/codegen#build"]);
      expect(read(join(dir, "turbo.json")).tasks?.codegen?.inputs, name).toEqual([
        "$TURBO_EXTENDS$",
        `$TURBO_ROOT$/specs/${api}/**`,
      ]);
    }
  });
});
