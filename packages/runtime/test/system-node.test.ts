// support/system-node.sh runs the API packages' tests and benchmarks on the machine's Node while
// their node_modules/.bin holds the Node 24 test binary as `node`. It must drop only such folders
// from PATH: `npx pnpm test` puts pnpm itself in a node_modules/.bin, and the packaging tests run it.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const script = new URL("../support/system-node.sh", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "leadkit-system-node-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function bin(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe("system-node.sh", () => {
  const withNode = bin(join(root, "pkg", "node_modules", ".bin"), "node", "echo fake-node; exit 3");
  const withPnpm = bin(join(root, "_npx", "node_modules", ".bin"), "pnpm", "echo pnpm-here");
  const env = { ...process.env, PATH: [withNode, withPnpm, process.env.PATH].join(":") };
  const run = (code: string) => execFileSync("sh", [script, "-e", code], { env, encoding: "utf8" }).trim();

  it("runs the machine's Node, not a node linked into node_modules/.bin", () => {
    expect(run("console.log(process.execPath)")).not.toContain("node_modules");
  });

  it("keeps the node_modules/.bin folders that hold no node, so npx's pnpm stays reachable", () => {
    const path = run("console.log(process.env.PATH)").split(":");
    expect(path).toContain(withPnpm);
    expect(path).not.toContain(withNode);
    expect(run('console.log(require("child_process").execSync("pnpm").toString().trim())')).toBe("pnpm-here");
  });
});
