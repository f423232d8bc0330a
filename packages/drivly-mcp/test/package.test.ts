// The package as npm users get it: publint and attw clean, a pinned public API, its bin, and
// only the client and the MCP runtime as dependencies (the client itself never pulls the MCP SDK).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPublishedPackage } from "@leadkit/testing";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe(manifest.name, () => {
  it("passes publint and attw", async () => {
    expect(await lintPublishedPackage(packageDir)).toEqual({ publint: [], attw: [] });
  });

  it("exports exactly its public API at runtime", async () => {
    const exports = (await import(entry)) as Record<string, unknown>;
    expect(Object.keys(exports).sort()).toEqual(["definition", "tools"]);
  });

  it("has the bin leadkit-drivly-mcp, a node script", () => {
    expect(manifest.bin).toEqual({ "leadkit-drivly-mcp": "./dist/cli.js" });
    expect(readFileSync(new URL("../dist/cli.js", import.meta.url), "utf8")).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it("depends on its client and the MCP runtime only", () => {
    expect(manifest.dependencies).toEqual({
      "@leadkit/drivly": "workspace:^",
      "@leadkit/mcp-runtime": "workspace:^",
    });
  });
});
