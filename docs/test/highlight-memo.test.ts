// The highlighted-block memo of the site pages (code.ts): a build whose blocks are all in it does
// not highlight anything, and the pages come out exactly as without it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CodeRenderer, createCodeRenderer, MEMO_LIMIT } from "../src/code.js";

let dir: string;
let memoFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "leadkit-docs-memo-"));
  memoFile = join(dir, "memo.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BLOCKS = [
  { code: "const lead: Lead = await client.createLead({ body });", lang: "ts" },
  { code: "pnpm add @leadkit/drivly", lang: "sh" },
  { code: '{ "id": "lead_1" }', lang: "json" },
  { code: "plain text <b>", lang: "text" },
] as const;

/** A page with every block, finished. */
async function page(code: CodeRenderer): Promise<string> {
  return code.finish(`<main>${BLOCKS.map((block) => code.block(block)).join("\n")}</main>`);
}

describe("the highlighted-block memo", () => {
  it("highlights each block once, then serves the same HTML from the memo", async () => {
    const bare = await page(await createCodeRenderer());
    expect(bare).toContain('<pre class="shiki github-dark"');
    expect(bare).toContain('<pre class="plain"><code>plain text &lt;b&gt;</code></pre>');
    expect(bare).not.toContain("leadkit-code:");

    const first = await createCodeRenderer({ memoFile });
    expect(await page(first)).toBe(bare);
    expect(first.stats).toEqual({ memo: 0, highlighted: 3 });
    await first.save();

    const second = await createCodeRenderer({ memoFile });
    expect(await page(second)).toBe(bare);
    expect(second.stats).toEqual({ memo: 3, highlighted: 0 });
  });

  it("keeps what it held and what this build used, until it would outgrow its limit", async () => {
    const first = await createCodeRenderer({ memoFile });
    await first.finish(first.block(BLOCKS[0]));
    await first.save();
    const second = await createCodeRenderer({ memoFile });
    await second.finish(second.block(BLOCKS[1]));
    await second.save();
    const blocks = () => Object.keys(JSON.parse(readFileSync(memoFile, "utf8")).blocks);
    expect(blocks()).toHaveLength(2);

    // A memo at its limit is cut down to the blocks of the build that would overflow it.
    const memo = JSON.parse(readFileSync(memoFile, "utf8"));
    for (let index = 0; index < MEMO_LIMIT; index++)
      memo.blocks[index.toString(16).padStart(64, "0")] = "<pre/>";
    writeFileSync(memoFile, JSON.stringify(memo));
    const third = await createCodeRenderer({ memoFile });
    await third.finish(third.block(BLOCKS[2]));
    await third.save();
    expect(blocks()).toHaveLength(1);
  });

  it("ignores a memo written by another version of the highlighter, or one it cannot read", async () => {
    const first = await createCodeRenderer({ memoFile });
    const expected = await page(first);
    await first.save();
    const memo = JSON.parse(readFileSync(memoFile, "utf8"));
    const forged = Object.fromEntries(Object.keys(memo.blocks).map((key) => [key, "<pre>stale</pre>"]));

    writeFileSync(memoFile, JSON.stringify({ version: "another shiki", blocks: forged }));
    const other = await createCodeRenderer({ memoFile });
    expect(await page(other)).toBe(expected);
    expect(other.stats.highlighted).toBe(3);

    writeFileSync(memoFile, "{ not json");
    const broken = await createCodeRenderer({ memoFile });
    expect(await page(broken)).toBe(expected);
    expect(broken.stats.highlighted).toBe(3);
  });
});
