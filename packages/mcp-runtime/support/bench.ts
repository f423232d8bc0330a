// The benchmark every `@leadkit/<api>-mcp` package runs (`pnpm bench`): what an MCP client waits
// for and reads when it starts the server. For the built bin: the time from spawn to the answer
// of `tools/list` over stdio (what `npx -y` users wait for on every start, npx's own download
// aside) and the size of that listing (what a model reads every conversation). The baseline, in
// the same run: a bare MCP SDK stdio server with one tool and no leadkit code. Each contender runs
// LEADKIT_BENCH_ROUNDS times (default 7), alternating; the median counts.
// Dev-only (not published).
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const ROUNDS = Number(process.env.LEADKIT_BENCH_ROUNDS ?? 7);
const sdk = fileURLToPath(new URL("../node_modules/@modelcontextprotocol/sdk/dist/esm/", import.meta.url));

const BARE_SERVER = `import { Server } from ${JSON.stringify(`${sdk}server/index.js`)};
import { StdioServerTransport } from ${JSON.stringify(`${sdk}server/stdio.js`)};
import { ListToolsRequestSchema } from ${JSON.stringify(`${sdk}types.js`)};
const server = new Server({ name: "bare", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } } } }],
}));
await server.connect(new StdioServerTransport());
`;

async function startAndList(bin: string): Promise<{ ms: number; bytes: number; tools: number }> {
  const started = performance.now();
  const client = new Client({ name: "leadkit-bench", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [bin],
      env: { PATH: process.env.PATH ?? "" },
      stderr: "ignore",
    }),
  );
  const { tools } = await client.listTools();
  const ms = performance.now() - started;
  await client.close();
  return { ms, bytes: JSON.stringify(tools).length, tools: tools.length };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Runs the benchmark for `bin` (a built `dist/cli.js`) and prints its table. */
export async function benchStartup(name: string, bin: string): Promise<void> {
  const temp = await mkdtemp(join(tmpdir(), "leadkit-mcp-bench-"));
  try {
    const bare = join(temp, "bare-server.mjs");
    writeFileSync(bare, BARE_SERVER);
    const contenders = [
      { name: "baseline: bare MCP SDK stdio server, 1 tool", bin: bare },
      { name, bin },
    ];
    const times = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
    const listings = new Map<string, { bytes: number; tools: number }>();
    console.log(`mcp bench: spawn -> tools/list answered, over stdio, ${ROUNDS} round(s), median\n`);
    for (let round = 0; round < ROUNDS; round++) {
      for (const contender of contenders) {
        const { ms, bytes, tools } = await startAndList(contender.bin);
        times.get(contender.name)?.push(ms);
        listings.set(contender.name, { bytes, tools });
      }
    }
    const base = median(times.get(contenders[0]?.name ?? "") ?? []);
    console.log(
      "| server | start to tools/list | vs baseline | tools | listing |\n| --- | --- | --- | --- | --- |",
    );
    for (const contender of contenders) {
      const ms = median(times.get(contender.name) ?? []);
      const listing = listings.get(contender.name);
      console.log(
        `| ${contender.name} | ${Math.round(ms)} ms | ${(ms / base).toFixed(2)}x | ${listing?.tools} | ${((listing?.bytes ?? 0) / 1000).toFixed(1)} kB |`,
      );
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
