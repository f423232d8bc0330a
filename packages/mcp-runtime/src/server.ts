// The MCP side: an SDK `Server` that lists a runner's tools and routes `tools/call` to it, over
// stdio or Streamable HTTP. The low-level `Server` is used on purpose: the tools' JSON Schemas
// come straight from the spec, and `McpServer.registerTool` wants zod schemas instead.
import { once } from "node:events";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from "@modelcontextprotocol/sdk/types.js";
import type { ToolRunner } from "./tools.js";

/** An MCP server (the SDK's) serving the runner's tools; connect it to any SDK transport. */
export function createMcpServer(runner: ToolRunner): Server {
  const { definition } = runner;
  const server = new Server(
    { name: definition.packageName, version: definition.packageVersion, title: definition.specTitle },
    { capabilities: { tools: {} }, instructions: runner.instructions },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...runner.tools] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const result = runner.call(request.params.name, request.params.arguments, extra.signal);
    if (result === undefined) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Unknown tool ${JSON.stringify(request.params.name)}; tools: ${runner.tools.map((tool) => tool.name).join(", ")}.`,
      );
    }
    return result;
  });
  return server;
}

/** Serves the runner over stdin/stdout until stdin closes. */
export async function serveStdio(runner: ToolRunner): Promise<void> {
  const server = createMcpServer(runner);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once("end", resolve);
  });
  await server.connect(transport);
  runner.log(`serving ${runner.tools.length} tool(s) over stdio`);
  await closed;
  await server.close();
}

export interface HttpServer {
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The hostname of a Host header or an Origin URL, lower case, without the port. */
function hostname(value: string): string {
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return "";
  }
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/**
 * Serves the runner as MCP Streamable HTTP at `/mcp` on 127.0.0.1 only, stateless (the tools keep
 * no session state): each POST gets a fresh SDK server and transport. Requests whose Host or
 * Origin is not local are refused, so a web page cannot reach it through DNS rebinding.
 */
export async function serveHttp(runner: ToolRunner, port = 0): Promise<HttpServer> {
  // Loaded here: it brings an HTTP framework adapter a stdio server never needs.
  const { StreamableHTTPServerTransport } = await import(
    "@modelcontextprotocol/sdk/server/streamableHttp.js"
  );
  const http = createHttpServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/mcp") return refuse(response, 404, "Not found: the MCP endpoint is /mcp.");
    if (!LOCAL_HOSTS.has(hostname(request.headers.host ?? "")))
      return refuse(
        response,
        403,
        "Forbidden: this server answers only requests addressed to 127.0.0.1 or localhost.",
      );
    const origin = request.headers.origin;
    if (origin !== undefined && !LOCAL_HOSTS.has(hostname(origin)))
      return refuse(response, 403, "Forbidden: cross-origin requests from non-local pages are refused.");
    if (request.method !== "POST")
      return refuse(response, 405, "Method not allowed: this stateless server takes POST only.");
    const server = createMcpServer(runner);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request, response);
    } catch (error) {
      runner.log(`HTTP request failed: ${(error as Error)?.message ?? String(error)}`);
      if (!response.headersSent) refuse(response, 500, "Internal error.");
    }
  });
  http.listen(port, "127.0.0.1");
  await Promise.race([
    once(http, "listening"),
    once(http, "error").then(([error]: unknown[]) => {
      throw error;
    }),
  ]);
  const actual = (http.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actual}/mcp`;
  runner.log(`serving ${runner.tools.length} tool(s) over Streamable HTTP at ${url}`);
  return {
    url,
    port: actual,
    close: async () => {
      http.closeAllConnections();
      http.close();
      await once(http, "close");
    },
  };
}
