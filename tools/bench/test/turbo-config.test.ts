// Every turbo task says what it reads and what it writes: each task of the root turbo.json
// declares `inputs` and `outputs`, and a task a package's turbo.json adds on its own does too.
// (cache.test.ts checks what that buys: no-op builds fully cached, affected-only rebuilds.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@leadkit/testing";
import { describe, expect, it } from "vitest";

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

  it("keeps committed generated files out of every hash but check:generated's", () => {
    // turbo hashes a task's committed outputs as its inputs: declared as generate's outputs they
    // would change its hash on the run after every spec change, and every task after it would
    // miss the cache once more. So generate declares none, and its consumers rely on its hash.
    const tasks = root.tasks ?? {};
    expect(tasks.generate?.outputs).toEqual([]);
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
});
