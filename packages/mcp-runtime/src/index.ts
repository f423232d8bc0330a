// Public entry of @leadkit/mcp-runtime: what every `@leadkit/<api>-mcp` package is made of. Its
// generated tool table and hand-written entry form a `ServerDefinition`; `main` runs it as the
// package's bin, `createToolRunner` + `createMcpServer` embed it in another program.
export { type MainOptions, main } from "./cli.js";
export { MASK, masker } from "./mask.js";
export type { ToolResult } from "./results.js";
export { createMcpServer, type HttpServer, serveHttp, serveStdio } from "./server.js";
export {
  ConfigError,
  createToolRunner,
  DRY_RUN_OUTPUT_SCHEMA,
  type ToolListing,
  type ToolRunner,
} from "./tools.js";
export type {
  CallOptions,
  McpClientOptions,
  ObjectSchema,
  RequestParts,
  ServerConfig,
  ServerDefinition,
  ToolAnnotations,
  ToolArguments,
  ToolDefinition,
} from "./types.js";
