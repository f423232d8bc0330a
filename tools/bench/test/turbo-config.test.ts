// Every turbo task says what it reads and what it writes: each task of the root turbo.json
// declares `inputs` and `outputs`, and a task a package's turbo.json adds on its own does too.
// (cache.e2e.test.ts checks what that buys: no-op builds fully cached, affected-only rebuilds.)
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
    expect((tasks.generate as { dependsOn?: string[] } | undefined)?.dependsOn).toEqual([
      "codegen",
      "^generate",
    ]);
    expect(tasks.build?.inputs).toContain("!src/generated/**");
    expect(tasks.test?.inputs).toEqual(expect.arrayContaining(["!src/generated/**", "!spec/**"]));
    // The one type-check task (every package, see tools/typecheck) reads the generated files through
    // the hashes of the builds it depends on, not its own inputs.
    expect(tasks["@leadkit/typecheck#typecheck"]?.inputs).toEqual(
      expect.arrayContaining([
        "!$TURBO_ROOT$/packages/*/src/generated/**",
        "!$TURBO_ROOT$/packages/*/spec/**",
      ]),
    );
    expect(tasks["check:generated"]?.inputs).toEqual(expect.arrayContaining(["src/generated/**", "spec/**"]));
    // The site (reference pages included) reads the generated specs through ^generate's hash.
    const docs = read(join(REPO_ROOT, "docs", "turbo.json"));
    expect(JSON.stringify(docs.tasks?.build?.inputs)).not.toMatch(/spec\/|generated/);
    expect((docs.tasks?.build as { dependsOn?: string[] } | undefined)?.dependsOn).toContain("^generate");
  });

  const apis = Object.keys(
    (parse(readFileSync(join(REPO_ROOT, "redocly.yaml"), "utf8")) as { apis: Record<string, unknown> }).apis,
  );
  it.each(apis)(
    "%s: the API's types package generates and builds every package of the API, in one codegen, one generate and one build task",
    (api) => {
      // One process per API lints and bundles the spec once and renders every package's files
      // (four codegen tasks used to parse the same spec, and each turbo task pays a pnpm start).
      const names = readdirSync(join(REPO_ROOT, "packages")).filter(
        (name) => name === api || name.startsWith(`${api}-`),
      );
      expect(names.sort()).toEqual([api, `${api}-mcp`, `${api}-mock`, `${api}-types`]);
      const others = names.filter((name) => name !== `${api}-types`);
      const scriptsOf = (name: string) =>
        (
          JSON.parse(readFileSync(join(REPO_ROOT, "packages", name, "package.json"), "utf8")) as {
            scripts: Record<string, string>;
          }
        ).scripts;
      const types = scriptsOf(`${api}-types`);
      expect(types.codegen).toBe(`leadkit-codegen generate --api ${api} --mirror`);
      expect(types.generate).toBe(`leadkit-codegen restore --api ${api}`);
      expect(types["check:generated"]).toBe(`leadkit-codegen generate --api ${api} --check`);
      for (const name of others) {
        const scripts = scriptsOf(name);
        for (const task of ["codegen", "generate", "check:generated"])
          expect(scripts[task], `${name} ${task}`).toBeUndefined();
        const tasks = read(join(REPO_ROOT, "packages", name, "turbo.json")).tasks ?? {};
        expect(Object.keys(tasks), name).not.toEqual(expect.arrayContaining(["codegen"]));
      }
      const tasks = read(join(REPO_ROOT, "packages", `${api}-types`, "turbo.json")).tasks ?? {};
      const sorted = (list: unknown) => (Array.isArray(list) ? [...list].sort() : list);
      const at = (name: string, path: string) => `$TURBO_ROOT$/packages/${name}/${path}`;
      // codegen is keyed on the spec, the root's config files and every manifest it renders from,
      // waits for nothing but the codegen's build, and outputs every package's mirror
      expect((tasks.codegen as { dependsOn?: string[] } | undefined)?.dependsOn).toEqual([
        "@leadkit/codegen#build",
      ]);
      expect(sorted(tasks.codegen?.inputs)).toEqual(
        sorted([
          "$TURBO_EXTENDS$",
          `$TURBO_ROOT$/specs/${api}/**`,
          ...others.map((name) => at(name, "package.json")),
        ]),
      );
      expect(sorted(tasks.codegen?.outputs)).toEqual(
        sorted(["$TURBO_EXTENDS$", ...others.map((name) => at(name, ".artifacts/generated/**"))]),
      );
      // generate hashes (just in time) and outputs every package's generated folders
      const own = others.map((name) => at(name, "src/generated/**"));
      const [manifest, jit] = (tasks.generate?.inputs ?? []) as [unknown, { mode: string; globs: string[] }];
      expect(manifest).toBe("package.json");
      expect(jit.mode).toBe("jit");
      expect(sorted(jit.globs)).toEqual(sorted(["src/generated/**", "spec/**", ...own]));
      expect(sorted(tasks.generate?.outputs)).toEqual(sorted(["$TURBO_EXTENDS$", ...own]));
      expect(tasks["check:generated"]?.inputs).toEqual(expect.arrayContaining(own));
      // build: the types package builds every package of the API in one process (one pnpm start and
      // one TypeScript load where four were paid), from all of their sources, into all of their
      // dist/ folders; the other packages have no build script, so their build task only chains.
      expect(types.build).toBe(`leadkit-codegen build --api ${api}`);
      for (const name of others) expect(scriptsOf(name).build, `${name} build`).toBeUndefined();
      expect(sorted(tasks.build?.inputs)).toEqual(
        sorted([
          "$TURBO_EXTENDS$",
          ...others.flatMap((name) => [
            at(name, "src/**"),
            `!${at(name, "src/**/*.test.ts")}`,
            `!${at(name, "src/generated/**")}`,
            at(name, "bin/**"),
            at(name, "tsconfig.json"),
            at(name, "tsconfig.build.json"),
            at(name, "package.json"),
          ]),
        ]),
      );
      expect(sorted(tasks.build?.outputs)).toEqual(
        sorted(["$TURBO_EXTENDS$", ...others.map((name) => at(name, "dist/**"))]),
      );
      // ...and the root's build inputs, which those extend, are each package's own.
      expect(root.tasks?.build?.inputs).toEqual(
        expect.arrayContaining([
          "src/**",
          "!src/generated/**",
          "tsconfig.build.json",
          "$TURBO_ROOT$/tsconfig.base.json",
        ]),
      );
    },
  );
});
