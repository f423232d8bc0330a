// Runs an API's tools: checks a call's arguments, makes the call through the API's leadkit
// client (its retries, timeouts and typed errors), or, with `dryRun`, lets the client build the
// request and returns it instead of sending it. Every result passes the key masker on its way
// out. Transport-free: `server.ts` wires a runner to the MCP SDK.
import { masker } from "./mask.js";
import {
  type ArgumentIssue,
  argumentsResult,
  errorResult,
  failureResult,
  successResult,
  type ToolResult,
} from "./results.js";
import type { ObjectSchema, RequestParts, ServerConfig, ServerDefinition, ToolDefinition } from "./types.js";

/** A problem with how the server was started (a flag, an unknown tool name): reported, no stack. */
export class ConfigError extends Error {
  override get name(): string {
    return "ConfigError";
  }
}

/** What `tools/list` shows of a tool. */
export interface ToolListing {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: ObjectSchema;
  readonly outputSchema?: ObjectSchema;
  readonly annotations: ToolDefinition<unknown>["annotations"];
}

/** With `--dry-run` every tool returns the request it would have sent, in this shape. */
export const DRY_RUN_OUTPUT_SCHEMA: ObjectSchema = {
  type: "object",
  description: "The request the call would send; nothing was sent (dry run).",
  properties: {
    dryRun: { const: true },
    request: {
      type: "object",
      properties: {
        method: { type: "string" },
        url: { type: "string", description: "The full URL, query string included." },
        headers: {
          type: "object",
          description: "Every header the client sets; the API key is masked.",
          additionalProperties: { type: "string" },
        },
        body: { description: "The body as sent (parsed when it is JSON); absent when there is none." },
      },
      required: ["method", "url", "headers"],
    },
  },
  required: ["dryRun", "request"],
};

export interface ToolRunner {
  readonly definition: ServerDefinition<unknown>;
  readonly config: ServerConfig;
  readonly tools: readonly ToolListing[];
  /** Instructions for the MCP client's model, sent at initialisation. */
  readonly instructions: string;
  /** Undefined: no such tool (a protocol error, not a tool error). */
  call(name: string, args: unknown, signal?: AbortSignal): Promise<ToolResult> | undefined;
  /** Writes a diagnostic line (masked). */
  log(line: string): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The checks every call gets before the client sees it: known names, required ones present. */
function structuralIssues(tool: ToolDefinition<unknown>, args: Record<string, unknown>): ArgumentIssue[] {
  const known = [...Object.keys(tool.arguments.path), ...Object.keys(tool.arguments.query)];
  if (tool.arguments.body !== undefined) known.push(tool.arguments.body);
  const issues: ArgumentIssue[] = [];
  for (const name of Object.keys(args))
    if (!known.includes(name))
      issues.push({
        field: name,
        message: `is not an argument of ${tool.name} (${known.length === 0 ? "it takes none" : `it takes ${known.join(", ")}`})`,
      });
  for (const name of tool.inputSchema.required ?? [])
    if (args[name] === undefined) issues.push({ field: name, message: "is required" });
  for (const name of Object.keys(tool.arguments.path)) {
    const value = args[name];
    if (value !== undefined && typeof value !== "string" && typeof value !== "number")
      issues.push({ field: name, message: "must be a string or a number (it is part of the URL path)" });
  }
  return issues;
}

function split(tool: ToolDefinition<unknown>, args: Record<string, unknown>): RequestParts {
  const path: Record<string, unknown> = {};
  for (const [argument, parameter] of Object.entries(tool.arguments.path)) path[parameter] = args[argument];
  const query: Record<string, unknown> = {};
  for (const [argument, parameter] of Object.entries(tool.arguments.query))
    if (args[argument] !== undefined) query[parameter] = args[argument];
  return {
    path,
    query: Object.keys(query).length > 0 ? query : undefined,
    body: tool.arguments.body === undefined ? undefined : args[tool.arguments.body],
  };
}

/** The request a client built, as the dry run shows it (the key is masked later, with the rest). */
async function describeRequest(request: Request): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const text = request.body === null ? "" : await request.text();
  const described: Record<string, unknown> = { method: request.method, url: request.url, headers };
  if (text !== "") {
    const json = /[/+]json\b/i.test(request.headers.get("content-type") ?? "");
    let body: unknown = text;
    if (json) {
      try {
        body = JSON.parse(text);
      } catch {
        // sent as is: show the text
      }
    }
    described.body = body;
  }
  return described;
}

export function createToolRunner<Client>(
  definition: ServerDefinition<Client>,
  config: ServerConfig = {},
): ToolRunner {
  const all = definition.tools as readonly ToolDefinition<unknown>[];
  const unknown = (config.tools ?? []).filter((name) => !all.some((tool) => tool.name === name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Unknown tool${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}.\nTools of ${definition.packageName}: ${all.map((tool) => tool.name).join(", ")}.`,
    );
  }
  const selected = config.tools === undefined ? all : all.filter((tool) => config.tools?.includes(tool.name));
  const apiKey = config.apiKey === "" ? undefined : config.apiKey;
  const mask = masker(apiKey);
  const write = config.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (line: string) => write(mask(`${definition.bin}: ${line}`));
  const dryRun = config.dryRun === true;
  const context = {
    vendor: definition.specTitle || definition.packageName,
    keyVariable: definition.env.apiKey,
    packageName: definition.packageName,
  };
  const clientOptions = {
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
    ...(config.maxRetries === undefined ? {} : { maxRetries: config.maxRetries }),
    validate: "request" as const,
  };

  let client: { readonly client: Client } | undefined;
  /** The client, made on first use; undefined when the client refuses the key. */
  function liveClient(key: string): { readonly client: Client } | undefined {
    if (client === undefined) {
      try {
        client = { client: definition.createClient({ ...clientOptions, apiKey: key }) };
      } catch {
        return undefined;
      }
    }
    return client;
  }
  const missingKey = () =>
    errorResult(
      `${definition.env.apiKey} is not set, so ${definition.bin} cannot call the ${context.vendor}.\nSet ${definition.env.apiKey} to your API key in the MCP client's configuration of this server (its "env"), then restart the server.`,
    );
  const invalidKey = () =>
    errorResult(
      `${definition.env.apiKey} is set, but not to a usable API key: it must be the key itself, without spaces, line breaks or a "Bearer " prefix.\nFix it in the MCP client's configuration of this server (its "env"), then restart the server.`,
    );

  async function dryRunCall(tool: ToolDefinition<unknown>, parts: RequestParts): Promise<ToolResult> {
    if (apiKey === undefined) return missingKey();
    let captured: Request | undefined;
    let dryClient: unknown;
    try {
      dryClient = definition.createClient({
        ...clientOptions,
        apiKey,
        maxRetries: 0,
        timeoutMs: 0,
        fetch: async (request) => {
          captured = request;
          throw new Error("dry run: not sent");
        },
      });
    } catch {
      return invalidKey();
    }
    try {
      await tool.invoke(dryClient, parts, {});
    } catch (error) {
      if (captured === undefined) return failureResult(tool, error, context);
    }
    if (captured === undefined) return errorResult(`${tool.name}: the client sent no request (dry run).`);
    const request = await describeRequest(captured);
    return {
      content: [
        {
          type: "text",
          text: `Dry run, nothing was sent. ${tool.name} would send:\n${JSON.stringify(request, null, 2)}`,
        },
      ],
      structuredContent: { dryRun: true, request },
    };
  }

  async function call(
    tool: ToolDefinition<unknown>,
    args: unknown,
    signal?: AbortSignal,
  ): Promise<ToolResult> {
    if (apiKey === undefined) return missingKey();
    const given = args === undefined || args === null ? {} : args;
    if (!isRecord(given))
      return argumentsResult(tool, [{ field: "arguments", message: "must be an object" }]);
    const issues = structuralIssues(tool, given);
    if (issues.length > 0) return argumentsResult(tool, issues);
    const parts = split(tool, given);
    if (dryRun) return dryRunCall(tool, parts);
    const live = liveClient(apiKey);
    if (live === undefined) return invalidKey();
    try {
      const data = await tool.invoke(live.client, parts, signal === undefined ? {} : { signal });
      return successResult(tool, data);
    } catch (error) {
      return failureResult(tool, error, context);
    }
  }

  const listings: ToolListing[] = selected.map((tool) => {
    const listing = {
      name: tool.name,
      title: tool.title,
      description: dryRun
        ? `DRY RUN: validates the arguments and returns the request this would send; nothing is sent.\n\n${tool.description}`
        : tool.description,
      inputSchema: tool.inputSchema,
      annotations: { title: tool.title, ...tool.annotations },
    };
    if (dryRun) return { ...listing, outputSchema: DRY_RUN_OUTPUT_SCHEMA };
    return tool.outputSchema === undefined ? listing : { ...listing, outputSchema: tool.outputSchema };
  });

  const instructions = [
    `Tools for the ${context.vendor}, one per API operation, through leadkit's typed client.`,
    "A tool that creates something is never retried automatically: when it fails without a clear answer (a timeout, a lost connection, a 5xx), check before calling it again, or you may create a duplicate.",
    apiKey === undefined ? `${definition.env.apiKey} is not set: every call will fail until it is.` : "",
    dryRun
      ? "This server runs with --dry-run: calls return the request they would send and send nothing."
      : "",
  ]
    .filter(Boolean)
    .join("\n");

  return {
    definition: definition as ServerDefinition<unknown>,
    config,
    tools: listings,
    instructions,
    log,
    call(name, args, signal) {
      const tool = selected.find((candidate) => candidate.name === name);
      if (tool === undefined) return undefined;
      const started = performance.now();
      return call(tool, args, signal).then((result) => {
        const outcome = result.isError ? "error" : dryRun ? "dry run" : "ok";
        log(`${name}: ${outcome} (${Math.round(performance.now() - started)} ms)`);
        return mask(result);
      });
    },
  };
}
