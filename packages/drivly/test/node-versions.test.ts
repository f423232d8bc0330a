// The client suite (contract, faults, secrets, examples) once more under Node 24; `pnpm test`
// itself runs on the machine's Node (20 here and in CI). The test script starts vitest through
// ../runtime/support/system-node.sh because the Node 24 package links a `node` into
// node_modules/.bin, which would otherwise run every script of this package.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledNode, nodeVersion, runVitest } from "../../runtime/support/node-versions.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe("Node versions", () => {
  it("runs this suite on the machine's Node (20 here), not the bundled Node 24", () => {
    expect(process.execPath).not.toBe(bundledNode(packageDir));
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(20);
    console.log(`suite ran on Node ${process.version}`);
  });

  it("passes the client suite under Node 24", async () => {
    const node = bundledNode(packageDir);
    expect(await nodeVersion(node)).toMatch(/^v24\./);
    const { code, output } = await runVitest(node, packageDir, [
      "test/node-versions.test.ts",
      "test/package.test.ts",
    ]);
    expect(output).toMatch(/Test Files\s+\d+ passed/);
    expect(output).not.toMatch(/failed|skipped|Errors\s+\d+ error/);
    expect(code).toBe(0);
  });
});
