// The package as npm users get it: publint and attw clean, a pinned public API per entry point,
// the types package and the mock runtime as its only dependencies, msw an optional peer that
// only the ./msw entry imports, MSW handlers that bundle for the browser, and the bin.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPublishedPackage } from "@leadkit/testing";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

describe(manifest.name, () => {
  it("passes publint and attw", async () => {
    expect(await lintPublishedPackage(packageDir)).toEqual({ publint: [], attw: [] });
  });

  it.each([
    ["index.js", ["mockDefinition", "startDealerStudioMock"]],
    ["msw.js", ["dealerStudioHandlers"]],
  ])("%s exports exactly its public API at runtime (everything else is types)", async (file, names) => {
    expect(Object.keys(await import(dist(file))).sort()).toEqual(names);
  });

  it("depends on its types package and the mock runtime only; msw is an optional peer", () => {
    expect(manifest.dependencies).toEqual({
      "@leadkit/dealer-studio-types": "workspace:^",
      "@leadkit/mock-runtime": "workspace:^",
    });
    expect(manifest.peerDependencies).toEqual({ msw: "^2.10.0" });
    expect(manifest.peerDependenciesMeta).toEqual({ msw: { optional: true } });
    for (const file of ["index.js", "vendor.js", "generated/mock.gen.js"])
      expect(readFileSync(dist(file), "utf8"), file).not.toMatch(/from "msw/);
  });

  it("has MSW handlers that bundle for the browser (esbuild fails on a Node built-in)", async () => {
    const result = await build({
      entryPoints: [dist("msw.js")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      external: ["msw"],
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
  });

  it("has the bin leadkit-dealer-studio-mock", () => {
    const bin = "leadkit-dealer-studio-mock";
    expect(manifest.bin).toEqual({ [bin]: `./bin/${bin}.js` });
    const source = readFileSync(new URL(`../bin/${bin}.js`, import.meta.url), "utf8");
    expect(source).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
