// Type tests (`*.test-d.ts`) are not run by vitest: each package's `typecheck` task checks them,
// with tsc on the package's tsconfig.json, and `pnpm test` runs that task. This holds the
// arrangement together: a type test outside what its package's typecheck covers would never run.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { listFiles, packageDirOf, ROOT } from "./support.js";

describe("type tests", () => {
  const files = listFiles("*.test-d.ts", "**/*.test-d.ts");

  it("exist (the API packages, the mock runtime)", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s is checked by its package's typecheck task", (file) => {
    const dir = packageDirOf(file);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    expect(manifest.scripts?.typecheck).toBe("tsc -p tsconfig.json --noEmit");
    // TypeScript itself says which files the project holds (its include, exclude and files).
    const config = ts.getParsedCommandLineOfConfigFile(
      join(dir, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
        },
      },
    );
    expect(config?.fileNames.map((name) => relative(ROOT, name))).toContain(file);
  });

  it("pnpm test runs the typecheck task", () => {
    const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(root.scripts.test).toMatch(/^turbo run test typecheck /);
  });
});
