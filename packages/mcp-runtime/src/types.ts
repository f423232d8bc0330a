// The contract between an API's generated tool table (`src/generated/tools.gen.ts` of each
// `@leadkit/<api>-mcp`, written by @leadkit/codegen's `mcp` target), its hand-written entry and
// this runtime. Nothing here knows an API: every fact about one comes from its spec or its client.

/** A JSON Schema whose root is an object, as MCP requires of a tool's input and output schemas. */
export interface ObjectSchema {
  readonly type: "object";
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  readonly [keyword: string]: unknown;
}

/** MCP's tool annotations, derived from the operation's method and whether it may create. */
export interface ToolAnnotations {
  readonly title?: string;
  /** GET and HEAD only. */
  readonly readOnlyHint: boolean;
  /** Whether it may change or delete what exists (an update, a delete), not only add. */
  readonly destructiveHint: boolean;
  /** Whether calling it twice with the same arguments does no more than calling it once. */
  readonly idempotentHint: boolean;
  /** It talks to the vendor's API, an open world. */
  readonly openWorldHint: boolean;
}

/** Where each tool argument goes in the request. */
export interface ToolArguments {
  /** Argument name -> path parameter name. */
  readonly path: Readonly<Record<string, string>>;
  /** Argument name -> query parameter name. */
  readonly query: Readonly<Record<string, string>>;
  /** The argument holding the request body (`body`), when the operation takes one. */
  readonly body?: string;
}

/** A tool call's arguments, split the way the client's convenience method takes them. */
export interface RequestParts {
  readonly path: Readonly<Record<string, unknown>>;
  /** Undefined when no query argument was given. */
  readonly query: Readonly<Record<string, unknown>> | undefined;
  readonly body: unknown;
}

/** Per-call options handed to the client's method. */
export interface CallOptions {
  /** Aborted when the MCP client cancels the call. */
  readonly signal?: AbortSignal;
}

/** One tool: one operation of the spec, named after its client method. */
export interface ToolDefinition<Client> {
  /** The client method name (`createLead`). */
  readonly name: string;
  /** The operation's summary (or its name). */
  readonly title: string;
  readonly description: string;
  /** The HTTP method, upper case, and the path template: for messages. */
  readonly method: string;
  readonly path: string;
  /** Whether sending it twice may create two resources (the client never repeats it then). */
  readonly mayCreate: boolean;
  readonly annotations: ToolAnnotations;
  readonly inputSchema: ObjectSchema;
  /** The success response's schema (wrapped under `data` when it is not an object). */
  readonly outputSchema?: ObjectSchema;
  /** How the success body becomes `structuredContent`: as is, under `data`, or not at all (no body). */
  readonly output: "body" | "data" | "none";
  readonly arguments: ToolArguments;
  /** Calls the client's method for this operation. */
  readonly invoke: (client: Client, request: RequestParts, options: CallOptions) => Promise<unknown>;
}

/** What the runtime passes to the API's client factory (`create<Name>Client`). */
export interface McpClientOptions {
  readonly apiKey: string;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly fetch?: (request: Request) => Promise<Response>;
  /**
   * The client checks each request against the spec's validators before sending it and throws
   * `RequestValidationError` (with `issues`) when it does not match. A client without the option
   * ignores it.
   */
  readonly validate?: "request";
}

/** An API's MCP server: its generated tools plus what its hand-written entry says. */
export interface ServerDefinition<Client> {
  /** npm name and version of the MCP package (generated). */
  readonly packageName: string;
  readonly packageVersion: string;
  /** `info.title` of the spec (generated). */
  readonly specTitle: string;
  /** The spec's first server (generated). */
  readonly defaultBaseUrl: string;
  /** The command (`leadkit-drivly-mcp`). */
  readonly bin: string;
  /** The environment variables of the API key and of the base URL. */
  readonly env: { readonly apiKey: string; readonly baseUrl: string };
  readonly createClient: (options: McpClientOptions) => Client;
  readonly tools: readonly ToolDefinition<Client>[];
}

/** How one server process runs: from the command line and the environment. */
export interface ServerConfig {
  /** Undefined or empty: the server starts, and every call says which variable to set. */
  readonly apiKey?: string | undefined;
  readonly baseUrl?: string | undefined;
  /** Validate and return the request that would be sent, without sending it. */
  readonly dryRun?: boolean;
  readonly timeoutMs?: number | undefined;
  readonly maxRetries?: number | undefined;
  /** Expose only these tools (all when undefined). */
  readonly tools?: readonly string[] | undefined;
  /** Where the server writes its diagnostics (stderr by default); the key never reaches it. */
  readonly log?: (line: string) => void;
}
