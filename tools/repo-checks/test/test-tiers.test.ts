// Two tiers of tests: `pnpm test` (unit, contract, packaging, browser and type tests: minutes)
// and `pnpm test:e2e` (the suites that copy and install the whole working tree, the public corpus,
// and the codegen's parity with the Redocly CLI on GitHub's full description: `*.e2e.test.ts`). The README's test command runs both, and so does CI. These checks
// keep every suite in exactly one tier, so moving a suite never drops it.
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles, packageDirOf, ROOT } from "./support.js";

const E2E = "**/*.e2e.test.ts";

const scriptsOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts?: Record<string, string> })
    .scripts ?? {};

describe("test tiers", () => {
  const e2e = listFiles(E2E).filter((file) => !file.includes("/templates/"));

  it("the end-to-end suites are the release, new-api and cache suites, and GitHub's full parity", () => {
    expect(e2e.sort()).toEqual([
      "tools/bench/test/cache.e2e.test.ts",
      "tools/codegen/test/redocly-parity.e2e.test.ts",
      "tools/release/test/release.e2e.test.ts",
      "tools/scaffold/test/new-api.e2e.test.ts",
    ]);
  });

  it.each(e2e)("%s runs in test:e2e, not in test", (file) => {
    const dir = packageDirOf(file);
    const scripts = scriptsOf(dir);
    expect(scripts.test).toBe(`vitest run --exclude '${E2E}'`);
    expect(scripts["test:e2e"]).toBe("vitest run .e2e.test.ts");
    // The package's vitest config must include the file, or `vitest run .e2e.test.ts` finds nothing.
    expect(readFileSync(join(dir, "vitest.config.ts"), "utf8")).toContain('include: ["test/**/*.test.ts"]');
    expect(relative(dir, join(ROOT, file))).toMatch(/^test\//);
  });

  it("the public corpus runs in test:e2e, and its package's test leaves it out", () => {
    const dir = join(ROOT, "tools/corpus");
    expect(scriptsOf(dir)["test:e2e"]).toBe("vitest run --config vitest.corpus.config.ts");
    expect(readFileSync(join(dir, "vitest.config.ts"), "utf8")).toContain('exclude: ["test/corpus/**"]');
    expect(readFileSync(join(dir, "vitest.corpus.config.ts"), "utf8")).toContain("test/corpus/");
  });

  it("the root scripts run each tier through turbo", () => {
    const root = scriptsOf(ROOT);
    expect(root.test).toBe("turbo run test typecheck check:generated --continue");
    expect(root["test:e2e"]).toBe("turbo run test:e2e --continue");
    const turbo = JSON.parse(readFileSync(join(ROOT, "turbo.json"), "utf8")) as {
      tasks: Record<string, { dependsOn?: string[] }>;
    };
    expect(turbo.tasks["test:e2e"]?.dependsOn).toEqual(["build", "^build"]);
  });

  it("no package runs an end-to-end suite from its test script", () => {
    const packages = listFiles("package.json", "*/package.json", "*/*/package.json").filter(
      (file) => !file.includes("/templates/") && !file.includes("/fixtures/"),
    );
    for (const manifest of packages) {
      const scripts = scriptsOf(dirname(join(ROOT, manifest)));
      const test = (scripts.test ?? "").replace(` --exclude '${E2E}'`, "");
      expect(test, manifest).not.toMatch(/e2e|corpus\.config/);
    }
  });
});
