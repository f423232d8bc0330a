import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

/** The command lines of `.ci/run`: not comments, not shell plumbing. */
function ciCommands(): string[] {
  return read(".ci/run")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npx "));
}

/** The lines of the README's "Set up" sh block. */
function readmeSetUp(): string[] {
  const section = read("README.md")
    .split(/^## /m)
    .find((part) => part.startsWith("Set up"));
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  if (block === undefined) throw new Error('README.md has no ```sh block under "## Set up"');
  return block.split("\n").filter((line) => line.trim() !== "");
}

describe("CI", () => {
  it("runs exactly the README's two set-up commands, in order", () => {
    expect(readmeSetUp()).toHaveLength(2);
    expect(ciCommands()).toEqual(readmeSetUp());
  });

  it("uses the pnpm version pinned in packageManager", () => {
    const pinned = (JSON.parse(read("package.json")) as { packageManager: string }).packageManager;
    for (const command of ciCommands()) {
      for (const match of command.matchAll(/pnpm@([\w.-]+)/g)) expect(`pnpm@${match[1]}`).toBe(pinned);
    }
  });

  it("runs every test with the README's test command: pnpm test, then the end-to-end suites", () => {
    expect(ciCommands().at(-1)).toMatch(/ test && \S+ --yes pnpm@[\w.-]+ test:e2e$/);
  });
});
