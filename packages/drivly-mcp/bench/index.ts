// `pnpm --filter @leadkit/drivly-mcp bench`: how long an MCP client waits for the built server's tool
// list, and how big that list is, beside a bare MCP SDK server (../../mcp-runtime/support/bench.ts).
import { fileURLToPath } from "node:url";
import { benchStartup } from "../../mcp-runtime/support/bench.js";

await benchStartup("@leadkit/drivly-mcp", fileURLToPath(new URL("../dist/cli.js", import.meta.url)));
