// Type tests (`*.test-d.ts`) are not run by vitest: the workspace's type-check (tools/typecheck,
// the `typecheck` task `pnpm test` runs) checks each package's tsconfig.json, and with it them.
// This holds the arrangement together: a type test outside what its package's tsconfig.json
// covers, or in a package the type-check does not reach, would never run.
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

  // The type-check checks every workspace package with a tsconfig.json, and refuses to run unless
  // its package depends on each (so that turbo builds them first).
  const typecheck = JSON.parse(readFileSync(join(ROOT, "tools/typecheck/package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };

  it.each(files)("%s is checked by the workspace's type-check", (file) => {
    const dir = packageDirOf(file);
    const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string };
    expect(Object.keys(typecheck.devDependencies)).toContain(name);
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

  it("pnpm test runs the typecheck task, which is the workspace's type-check", () => {
    const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(root.scripts.test).toMatch(/^turbo run test typecheck /);
    const typecheck = JSON.parse(readFileSync(join(ROOT, "tools/typecheck/package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(typecheck.scripts.typecheck).toBe("node bin/leadkit-typecheck.js");
  });
});
