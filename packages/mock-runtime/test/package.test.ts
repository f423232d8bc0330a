// The package as npm users get it: publint and attw clean, a pinned public API per entry point,
// no runtime dependency at all (msw is an optional peer, imported only by `./msw`), and the
// engine and MSW entries bundle for the browser (no Node built-in).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPublishedPackage } from "@leadkit/testing";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));

describe(manifest.name, () => {
  it("passes publint and attw", async () => {
    expect(await lintPublishedPackage(packageDir)).toEqual({ publint: [], attw: [] });
  });

  it.each([
    ["index.js", ["createMockEngine", "defineVendor", "dottedPath", "messageText"]],
    ["server.js", ["listen", "startMock"]],
    ["msw.js", ["createMswHandlers"]],
    ["cli.js", ["requestLine", "runCli"]],
  ])("%s exports exactly its public API at runtime (everything else is types)", async (file, names) => {
    expect(Object.keys(await import(dist(file))).sort()).toEqual(names);
  });

  it("has no dependencies; msw is an optional peer", () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.peerDependencies).toEqual({ msw: "^2.10.0" });
    expect(manifest.peerDependenciesMeta).toEqual({ msw: { optional: true } });
  });

  it("imports msw from the ./msw entry only, so the server and CLI work without it", () => {
    for (const file of ["index.js", "engine.js", "server.js", "cli.js"])
      expect(readFileSync(dist(file), "utf8"), file).not.toMatch(/from "msw/);
  });

  it.each(["index.js", "msw.js"])(
    "%s bundles for the browser (esbuild fails on a Node built-in)",
    async (file) => {
      const result = await build({
        entryPoints: [dist(file)],
        bundle: true,
        write: false,
        format: "esm",
        platform: "browser",
        external: ["msw"],
        logLevel: "silent",
      });
      expect(result.errors).toEqual([]);
    },
  );
});
