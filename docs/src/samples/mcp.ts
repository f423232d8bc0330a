// PROVISIONAL: written before `@leadkit/<api>-mcp` existed, from its planned API: an MCP server
// started with `npx -y @leadkit/<api>-mcp`, reading the key from `<ENV>_API_KEY`, with one tool
// per operation named after the client method and taking the method's arguments by name (path
// parameters, `body`, `query`). Both samples apply only to APIs whose `packages/<api>-mcp`
// exists; adjust this file (and only this file) when the MCP package lands.
import { jsonText } from "./literal.js";
import type { OperationInput, SampleContext, SampleKind } from "./types.js";

/** The MCP client configuration (the `mcpServers` map most MCP clients read). */
export const mcpConfigSample: SampleKind = {
  label: "MCP config",
  lang: "JSON",
  available: (context) => context.packages.mcp !== undefined,
  render(context: SampleContext): string {
    const config = {
      mcpServers: {
        [context.api]: {
          command: "npx",
          args: ["-y", context.packages.mcp],
          env: { [`${context.ENV}_API_KEY`]: "<your API key>" },
        },
      },
    };
    return `${jsonText(config)}\n`;
  },
};

/** The MCP `tools/call` request an agent sends for this operation, with the request example. */
export const mcpToolSample: SampleKind = {
  label: "MCP tool call",
  lang: "JSON",
  available: (context) => context.packages.mcp !== undefined,
  render(_context: SampleContext, input: OperationInput): string {
    const args: Record<string, unknown> = Object.fromEntries(input.request.path);
    if (input.request.body !== undefined) args.body = input.request.body.value;
    if (input.request.query.length > 0) args.query = Object.fromEntries(input.request.query);
    const call = { method: "tools/call", params: { name: input.method, arguments: args } };
    return `${jsonText(call)}\n`;
  },
};
