// The package as npm users get it: publint and attw clean, a pinned public API, and the official
// MCP SDK (with the zod its peer range asks for) as its only dependencies, pinned exactly.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPublishedPackage } from "@leadkit/testing";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
  files: string[];
};
const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe(manifest.name, () => {
  it("passes publint and attw", async () => {
    expect(await lintPublishedPackage(packageDir)).toEqual({ publint: [], attw: [] });
  });

  it("exports exactly its public API at runtime (everything else is types)", async () => {
    const exports = (await import(entry)) as Record<string, unknown>;
    expect(Object.keys(exports).sort()).toEqual([
      "ConfigError",
      "DRY_RUN_OUTPUT_SCHEMA",
      "MASK",
      "createMcpServer",
      "createToolRunner",
      "main",
      "masker",
      "serveHttp",
      "serveStdio",
    ]);
  });

  it("depends on the MCP SDK and zod only, pinned", () => {
    expect(manifest.dependencies).toEqual({ "@modelcontextprotocol/sdk": "1.32.2", zod: "4.6.7" });
  });

  it("publishes dist and src, not the test support", () => {
    expect(manifest.files).toEqual(["dist", "src", "CHANGELOG.md"]);
  });
});
