// `leadkit-codegen build`, the build of every generated package: each file emitted on its own.
// The judge is tsc itself: the same package built by `tsc -p tsconfig.build.json` must come out
// byte for byte the same (JavaScript, declarations and both source maps).
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyWorkspace, FIXTURES, run } from "./helpers.js";

const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const TYPESCRIPT = createRequire(import.meta.url).resolve("typescript");

let dir: string;
let pkg: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "leadkit-build-"));
  pkg = join(dir, "build-package");
  cpSync(join(FIXTURES, "build-package"), pkg, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path), readFileSync(path, "utf8"));
  }
  return files;
}

describe("leadkit-codegen build", () => {
  it("emits what tsc emits, byte for byte, without type-checking a program", async () => {
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.build.json"], { cwd: pkg });
    const byTsc = tree(join(pkg, "dist"));
    rmSync(join(pkg, "dist"), { recursive: true });

    const { code, output } = await run(["build", "--package", pkg]);

    expect(code, output).toBe(0);
    expect(output).toMatch(/^built 2 file\(s\) in \d+ ms$/m);
    const built = tree(join(pkg, "dist"));
    expect([...built.keys()].sort()).toEqual([...byTsc.keys()].sort());
    expect([...built.keys()]).toContain("generated/definitions.gen.d.ts.map");
    for (const [path, contents] of byTsc) expect(built.get(path), path).toBe(contents);
  });

  it("refuses an export whose type it cannot write from the file alone, and leaves the previous build", async () => {
    expect((await run(["build", "--package", pkg])).code).toBe(0);
    const before = tree(join(pkg, "dist"));
    appendFileSync(join(pkg, "src", "index.ts"), "export const doubled = [1, 2].map((n) => n * 2);\n");

    const { code, output } = await run(["build", "--package", pkg]);

    expect(code).toBe(1);
    expect(output).toContain("@leadkit/build-fixture cannot be built file by file:");
    expect(output).toMatch(/src\/index\.ts:\d+:14: Variable must have an explicit type annotation/);
    expect(output).toContain("Nothing was written.");
    expect(output).not.toMatch(/\n\s+at /);
    expect(tree(join(pkg, "dist"))).toEqual(before);
    expect(readdirSync(pkg).filter((name) => name.startsWith("dist."))).toEqual([]);
  });

  it("emits JavaScript alone, still as tsc does, when the config sets declaration: false", async () => {
    const config = join(pkg, "tsconfig.build.json");
    const json = JSON.parse(readFileSync(config, "utf8"));
    json.compilerOptions.declaration = false;
    json.compilerOptions.declarationMap = false;
    writeFileSync(config, JSON.stringify(json));
    // No declarations, so no isolatedDeclarations either: an inferred export type is fine.
    appendFileSync(join(pkg, "src", "index.ts"), "export const doubled = [1, 2].map((n) => n * 2);\n");
    execFileSync(process.execPath, [TSC, "-p", "tsconfig.build.json"], { cwd: pkg });
    const byTsc = tree(join(pkg, "dist"));
    rmSync(join(pkg, "dist"), { recursive: true });

    const { code, output } = await run(["build", "--package", pkg]);

    expect(code, output).toBe(0);
    const built = tree(join(pkg, "dist"));
    expect([...built.keys()].filter((path) => path.endsWith(".d.ts"))).toEqual([]);
    expect([...built.keys()].sort()).toEqual([...byTsc.keys()].sort());
    for (const [path, contents] of byTsc) expect(built.get(path), path).toBe(contents);
  });

  it("explains a folder that is not a package, one without tsconfig.build.json, and sources it cannot emit", async () => {
    rmSync(join(pkg, "tsconfig.build.json"));
    const missingConfig = await run(["build", "--package", pkg]);
    expect(missingConfig.code).toBe(1);
    expect(missingConfig.output).toContain(
      "@leadkit/build-fixture has no tsconfig.build.json to build from.",
    );

    cpSync(join(FIXTURES, "build-package", "tsconfig.build.json"), join(pkg, "tsconfig.build.json"));
    writeFileSync(join(pkg, "src", "extra.mts"), "export const extra: number = 1;\n");
    const otherExtension = await run(["build", "--package", pkg]);
    expect(otherExtension.code).toBe(1);
    expect(otherExtension.output).toContain(
      "@leadkit/build-fixture has sources `leadkit-codegen build` does not emit (only .ts files):\n  src/extra.mts",
    );
    expect(otherExtension.output).not.toMatch(/\n\s+at /);

    const notAPackage = await run(["build", "--package", join(pkg, "src")]);
    expect(notAPackage.code).toBe(1);
    expect(notAPackage.output).toContain("is not a package (no package.json)");
    expect(existsSync(join(pkg, "dist"))).toBe(false);
  });

  describe("--api: every package of an API in one process (the API's turbo build task)", () => {
    // The fixture workspace's API, garage, with two packages built from the build fixture: its
    // types package and its client (an API may have no mock or MCP package: those are skipped).
    let workspace: { dir: string; cleanup: () => void };
    let config: string;
    const packageDir = (name: string) => join(workspace.dir, "packages", name);
    beforeEach(() => {
      workspace = copyWorkspace();
      config = join(workspace.dir, "redocly.yaml");
      for (const name of ["garage-types", "garage"]) {
        cpSync(join(FIXTURES, "build-package"), packageDir(name), { recursive: true });
        writeFileSync(
          join(packageDir(name), "package.json"),
          JSON.stringify({ name: `@leadkit/${name}`, version: "1.0.0", private: true, type: "module" }),
        );
      }
    });
    afterEach(() => workspace.cleanup());

    it("builds each package as `build --package` does, and names each", async () => {
      const { code, output } = await run(["build", "--api", "garage", "--config", config]);

      expect(code, output).toBe(0);
      expect(output).toMatch(/^@leadkit\/garage-types +built 2 file\(s\) in \d+ ms$/m);
      expect(output).toMatch(/^@leadkit\/garage +built 2 file\(s\) in \d+ ms$/m);
      for (const name of ["garage-types", "garage"]) {
        const together = tree(join(packageDir(name), "dist"));
        rmSync(join(packageDir(name), "dist"), { recursive: true });
        expect((await run(["build", "--package", packageDir(name)])).code).toBe(0);
        expect(tree(join(packageDir(name), "dist")), name).toEqual(together);
      }
      expect(existsSync(join(packageDir("garage-mock"), "dist"))).toBe(false);
    });

    it("replaces no package's build when one package fails, and says which failed", async () => {
      expect((await run(["build", "--api", "garage", "--config", config])).code).toBe(0);
      const before = ["garage-types", "garage"].map((name) => tree(join(packageDir(name), "dist")));
      // The types package would build; the client cannot be built file by file.
      appendFileSync(
        join(packageDir("garage-types"), "src", "index.ts"),
        "export const added: number = 1;\n",
      );
      appendFileSync(
        join(packageDir("garage"), "src", "index.ts"),
        "export const doubled = [1, 2].map((n) => n * 2);\n",
      );

      const { code, output } = await run(["build", "--api", "garage", "--config", config]);

      expect(code).toBe(1);
      expect(output).toContain("@leadkit/garage cannot be built file by file:");
      expect(output).not.toContain("@leadkit/garage-types cannot");
      expect(output).not.toMatch(/\n\s+at /);
      expect(["garage-types", "garage"].map((name) => tree(join(packageDir(name), "dist")))).toEqual(before);
      for (const name of ["garage-types", "garage"])
        expect(readdirSync(packageDir(name)).filter((entry) => entry.startsWith("dist."))).toEqual([]);
    });

    it("refuses --api with --package, and an API redocly.yaml does not list", async () => {
      const both = await run([
        "build",
        "--api",
        "garage",
        "--package",
        packageDir("garage"),
        "--config",
        config,
      ]);
      expect(both.code).toBe(2);
      expect(both.output).toContain("build takes --api or --package, not both.");
      const unknown = await run(["build", "--api", "nope", "--config", config]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.output).toMatch(/nope/);
      expect(existsSync(join(packageDir("garage"), "dist"))).toBe(false);
    });
  });

  it("loads TypeScript only when it builds: importing @leadkit/codegen does not", () => {
    // Every task that imports the codegen (restore, the docs CLI) paid 0.8 s for it before.
    const loaded = (script: string) =>
      execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: join(FIXTURES, ".."),
        encoding: "utf8",
      }).trim();
    const probe = (then: string) => `
      import { createRequire } from "node:module";
      const codegen = await import(${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)});
      ${then}
      const cache = createRequire(import.meta.url).cache;
      console.log(${JSON.stringify(TYPESCRIPT)} in cache);`;
    expect(loaded(probe(""))).toBe("false");
    expect(loaded(probe(`await codegen.buildPackage(${JSON.stringify(pkg)});`))).toBe("true");
  });
});
