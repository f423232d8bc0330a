// The MCP package of an API (`packages/<api>-mcp`): one generated module with a tool per
// operation of the spec, named after the client method (`createLead`), that
// @leadkit/mcp-runtime serves. Each tool carries the operation's summary and description, an
// input JSON Schema built from its path and query parameters and its request body (see
// tool-schema.ts), the success response's schema as its output schema, MCP annotations read
// from the method, where each argument goes, and the call of the client method itself, so the
// calls get the client's retries, timeouts and errors. The package's hand-written
// `src/index.ts` adds which client and which environment variables.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tsBanner } from "../banner.js";
import { CodegenError } from "../errors.js";
import {
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  resolveRef,
  serverUrls,
  specTitle,
} from "../openapi.js";
import { type Direction, inlineSchema, inlineWithin, type JsonSchema } from "../tool-schema.js";
import type { ApiEntry } from "../workspace.js";
import { mayCreate } from "./client.js";
import type { GeneratedFile, Target, TargetContext } from "./target.js";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `packages/<api>-mcp`, next to the API's client package. */
export function mcpPackageDir(api: ApiEntry): string {
  return join(dirname(api.clientDir), `${api.name}-mcp`);
}

/** The MCP package's npm name, `@leadkit/<api>-mcp`. */
export function mcpPackageName(api: ApiEntry): string {
  return `${api.clientPackageName}-mcp`;
}

/**
 * Size budgets of one tool's schemas, in bytes of JSON. A tool listing is read by a model on
 * every conversation: past this, nested refs are left unexpanded (see `inlineWithin`).
 */
export const INPUT_SCHEMA_BUDGET = 48_000;
export const OUTPUT_SCHEMA_BUDGET = 48_000;

/** What MCP allows in a tool name (SEP-986): letters, digits, `_`, `-`, `.`, at most 128. */
const TOOL_NAME = /^[A-Za-z0-9._-]{1,128}$/;

/** The client method an operation becomes, which names its tool. */
function toolName(operation: OperationInfo): string {
  return operation.methodName;
}

/** The raw operation object with its parameters (path-level ones overridden by its own). */
function operationObject(document: OpenApiDocument, operation: OperationInfo) {
  const item = resolveRef<Node>(document, (document.paths as Node)[operation.path]);
  const raw = item[operation.method] as Node;
  const parameters = new Map<string, Node>();
  for (const list of [item.parameters, raw.parameters])
    for (const parameter of Array.isArray(list) ? list : []) {
      const resolved = resolveRef<unknown>(document, parameter);
      if (isNode(resolved) && typeof resolved.name === "string")
        parameters.set(`${String(resolved.in)}:${resolved.name}`, resolved);
    }
  return { raw, parameters: [...parameters.values()] };
}

/** A parameter's schema, with its description and example (as a parameter states them). */
function parameterSchema(document: OpenApiDocument, parameter: Node, depth: number): JsonSchema {
  const content = isNode(parameter.content) ? Object.values(parameter.content)[0] : undefined;
  const raw = parameter.schema ?? (isNode(content) ? content.schema : undefined) ?? {};
  const schema = inlineSchema(document, raw, { direction: "request", maxRefDepth: depth });
  const out: Node = typeof schema === "boolean" ? {} : { ...schema };
  if (typeof parameter.description === "string") out.description = parameter.description;
  if (parameter.example !== undefined) out.examples = [parameter.example];
  else if (isNode(parameter.examples))
    out.examples = Object.values(parameter.examples)
      .map((example) => resolveRef<Node>(document, example)?.value)
      .filter((value) => value !== undefined);
  if (parameter.deprecated === true) out.deprecated = true;
  return out;
}

/** The preferred media type of a `content` map: JSON first, then the spec's order. */
function preferredMedia(content: unknown): Node | undefined {
  if (!isNode(content)) return undefined;
  const entries = Object.entries(content);
  const rank = (type: string) => (/^application\/json\b/i.test(type) ? 0 : /[/+]json\b/i.test(type) ? 1 : 2);
  const best = entries.sort(([a], [b]) => rank(a) - rank(b))[0];
  return best !== undefined && isNode(best[1]) ? best[1] : undefined;
}

function mediaSchema(
  document: OpenApiDocument,
  content: unknown,
  direction: Direction,
  depth: number,
): JsonSchema {
  const media = preferredMedia(content);
  return inlineSchema(document, media?.schema ?? {}, { direction, maxRefDepth: depth });
}

/** The tool's arguments: path params, query params, and the body, each under its own name. */
interface ArgumentPlan {
  readonly path: Array<[argument: string, parameter: Node]>;
  readonly query: Array<[argument: string, parameter: Node]>;
  readonly body: string | undefined;
  readonly bodyRequired: boolean;
  readonly requestBody: Node | undefined;
}

function planArguments(document: OpenApiDocument, operation: OperationInfo): ArgumentPlan {
  const { raw, parameters } = operationObject(document, operation);
  const taken = new Set<string>();
  const claim = (name: string, suffix: string) => {
    let argument = name;
    while (taken.has(argument)) argument = `${argument}_${suffix}`;
    taken.add(argument);
    return argument;
  };
  const byName = (where: string, names: readonly string[]) =>
    names.flatMap((name) => {
      const parameter = parameters.find((candidate) => candidate.in === where && candidate.name === name);
      return parameter === undefined ? [] : [[claim(name, where), parameter] as [string, Node]];
    });
  const path = byName("path", operation.pathParams);
  const query = byName("query", operation.queryParams);
  const requestBody = operation.hasRequestBody ? resolveRef<Node>(document, raw.requestBody) : undefined;
  return {
    path,
    query,
    body: operation.hasRequestBody ? claim("body", "request") : undefined,
    bodyRequired: isNode(requestBody) && requestBody.required === true,
    requestBody: isNode(requestBody) ? requestBody : undefined,
  };
}

function inputSchema(document: OpenApiDocument, plan: ArgumentPlan, depth: number): Node {
  const properties: Node = {};
  const required: string[] = [];
  for (const [argument, parameter] of plan.path) {
    properties[argument] = parameterSchema(document, parameter, depth);
    required.push(argument);
  }
  for (const [argument, parameter] of plan.query) {
    properties[argument] = parameterSchema(document, parameter, depth);
    if (parameter.required === true) required.push(argument);
  }
  if (plan.body !== undefined) {
    const schema = mediaSchema(document, plan.requestBody?.content, "request", depth);
    const body: Node = typeof schema === "boolean" ? {} : { ...schema };
    if (typeof plan.requestBody?.description === "string" && body.description === undefined)
      body.description = plan.requestBody.description;
    properties[plan.body] = body;
    if (plan.bodyRequired) required.push(plan.body);
  }
  return {
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

interface Output {
  readonly mode: "body" | "data" | "none";
  readonly schema: Node | undefined;
}

/**
 * The success body's schema. MCP wants an object at the root of an output schema, so a body of
 * any other shape (an array, a union, a nullable object) is returned under `data`.
 */
function output(document: OpenApiDocument, operation: OperationInfo): Output {
  if (operation.successStatus === undefined) return { mode: "none", schema: undefined };
  const responses = (operationObject(document, operation).raw.responses ?? {}) as Node;
  const response = resolveRef<Node>(document, responses[operation.successStatus]);
  const body = (depth: number): Node => {
    const schema = mediaSchema(document, response?.content, "response", depth);
    return typeof schema === "boolean" ? {} : schema;
  };
  // The root's own type does not depend on how deep nested refs are expanded.
  const mode = body(1).type === "object" ? "body" : "data";
  const schema = inlineWithin(OUTPUT_SCHEMA_BUDGET, (depth): Node => {
    const root = body(depth);
    const wrapped: Node =
      mode === "body" ? root : { type: "object", properties: { data: root }, required: ["data"] };
    return typeof response?.description === "string" && wrapped.description === undefined
      ? { description: response.description, ...wrapped }
      : wrapped;
  });
  return { mode, schema };
}

/**
 * MCP's annotations, from what the method promises (RFC 9110 §9.2): only GET and HEAD are
 * read-only; PUT, PATCH and DELETE are idempotent, unless the operation may create (documents
 * `201`); a create (POST) is neither, and only adds, so it is not destructive.
 */
export function annotations(operation: OperationInfo) {
  const creates = mayCreate(operation);
  const readOnly = operation.method === "get" || operation.method === "head";
  return {
    readOnlyHint: readOnly,
    destructiveHint: !readOnly && !creates,
    idempotentHint:
      !creates && ["get", "head", "put", "patch", "delete", "options"].includes(operation.method),
    openWorldHint: true,
  };
}

function description(raw: Node, operation: OperationInfo): string {
  const text = [raw.description, raw.summary].find(
    (value): value is string => typeof value === "string" && value.trim() !== "",
  );
  const route = `${operation.method.toUpperCase()} ${operation.path}`;
  const safety = mayCreate(operation)
    ? "May create a resource: it is never retried automatically once it may have reached the API; after a failure without a clear answer, check before calling it again."
    : operation.method === "get" || operation.method === "head"
      ? "Read-only."
      : "Idempotent: calling it again with the same arguments changes nothing more.";
  return [raw.deprecated === true ? "Deprecated." : "", text?.trim() ?? "", `\`${route}\`. ${safety}`]
    .filter(Boolean)
    .join("\n\n");
}

/** The client call: path params in path order, then body, then query, then options (see client.ts). */
function renderInvoke(operation: OperationInfo, bodyArgument: string | undefined): string {
  const args = operation.pathParams.map((name) => `path[${JSON.stringify(name)}] as never`);
  if (operation.hasRequestBody) args.push("body as never");
  if (operation.queryParams.length > 0) args.push("query as never");
  args.push("options");
  const used = [
    operation.pathParams.length > 0 ? "path" : "",
    operation.queryParams.length > 0 ? "query" : "",
    bodyArgument !== undefined ? "body" : "",
  ].filter(Boolean);
  return `(client, { ${used.join(", ")} }, options) =>\n      client.${toolName(operation)}(${args.join(", ")})`;
}

const json = (value: unknown, indent: string) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

/** One tool as data: what `tools.gen.ts` writes for an operation (the call aside). */
export interface McpTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly method: string;
  readonly path: string;
  readonly mayCreate: boolean;
  readonly annotations: ReturnType<typeof annotations>;
  readonly arguments: {
    readonly path: Record<string, string>;
    readonly query: Record<string, string>;
    readonly body?: string;
  };
  readonly inputSchema: Node;
  readonly outputSchema: Node | undefined;
  readonly output: Output["mode"];
}

/** The tool of one operation; `specPath` names the spec in errors. */
export function mcpTool(document: OpenApiDocument, operation: OperationInfo, specPath: string): McpTool {
  const name = toolName(operation);
  const { raw } = operationObject(document, operation);
  const plan = planArguments(document, operation);
  const input = inlineWithin(INPUT_SCHEMA_BUDGET, (depth) => inputSchema(document, plan, depth));
  if (input === undefined) {
    throw new CodegenError(
      `The arguments of ${operation.method.toUpperCase()} ${operation.path} in ${specPath} do not fit an MCP tool's input schema (${INPUT_SCHEMA_BUDGET} bytes) even with nested schemas left unexpanded.`,
      "Split the operation's parameters or body in the spec, or raise INPUT_SCHEMA_BUDGET in tools/codegen/src/targets/mcp.ts.",
    );
  }
  const out = output(document, operation);
  return {
    name,
    title: typeof raw.summary === "string" && raw.summary.trim() !== "" ? raw.summary.trim() : name,
    description: description(raw, operation),
    method: operation.method.toUpperCase(),
    path: operation.path,
    mayCreate: mayCreate(operation),
    annotations: annotations(operation),
    arguments: {
      path: Object.fromEntries(plan.path.map(([argument, parameter]) => [argument, String(parameter.name)])),
      query: Object.fromEntries(
        plan.query.map(([argument, parameter]) => [argument, String(parameter.name)]),
      ),
      ...(plan.body === undefined ? {} : { body: plan.body }),
    },
    inputSchema: input,
    outputSchema: out.schema,
    output: out.mode,
  };
}

function renderTool(document: OpenApiDocument, operation: OperationInfo, api: ApiEntry): string {
  const tool = mcpTool(document, operation, api.specPath);
  const fields = [
    `name: ${JSON.stringify(tool.name)}`,
    `title: ${JSON.stringify(tool.title)}`,
    `description: ${JSON.stringify(tool.description)}`,
    `method: ${JSON.stringify(tool.method)}`,
    `path: ${JSON.stringify(tool.path)}`,
    `mayCreate: ${tool.mayCreate}`,
    `annotations: ${json(tool.annotations, "    ")}`,
    `arguments: ${json(tool.arguments, "    ")}`,
    `inputSchema: ${json(tool.inputSchema, "    ")}`,
    ...(tool.outputSchema === undefined ? [] : [`outputSchema: ${json(tool.outputSchema, "    ")}`]),
    `output: ${JSON.stringify(tool.output)}`,
    `invoke: ${renderInvoke(operation, tool.arguments.body)}`,
  ];
  return `  {\n${fields.map((field) => `    ${field},`).join("\n")}\n  },`;
}

function packageVersion(api: ApiEntry): string {
  const file = join(mcpPackageDir(api), "package.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown };
  if (typeof manifest.version !== "string") {
    throw new CodegenError(
      `${mcpPackageName(api)} has no \`version\` in its package.json; the server reports it to MCP clients.`,
      'Example: "version": "0.1.0"',
    );
  }
  return manifest.version;
}

export function renderToolsModule(context: TargetContext): string {
  const { api, document, specVersion } = context;
  const operations = listOperations(document);
  const names = new Map<string, OperationInfo>();
  const where = (op: OperationInfo) => `${op.method.toUpperCase()} ${op.path}`;
  for (const operation of operations) {
    const name = toolName(operation);
    if (!TOOL_NAME.test(name)) {
      throw new CodegenError(
        `The client method \`${name}\` of ${where(operation)} in ${api.specPath} is not a valid MCP tool name (letters, digits, \`_\`, \`-\`, \`.\`; at most 128).`,
        "Rename its operationId in the spec.",
      );
    }
    const other = names.get(name);
    if (other !== undefined) {
      throw new CodegenError(
        `${where(other)} and ${where(operation)} in ${api.specPath} would both be the MCP tool \`${name}\`.`,
        "Rename one of their operationIds in the spec.",
      );
    }
    names.set(name, operation);
  }
  const clientType = `${pascalCase(api.name)}Client`;
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    `import type { ${clientType} } from ${JSON.stringify(api.clientPackageName)};`,
    'import type { ToolDefinition } from "@leadkit/mcp-runtime";\n',
    "/** npm name of this MCP package, reported to MCP clients. */",
    `export const packageName = ${JSON.stringify(mcpPackageName(api))};\n`,
    "/** Version of this MCP package, read from its package.json when this file was generated. */",
    `export const packageVersion = ${JSON.stringify(packageVersion(api))};\n`,
    "/** `info.title` of the spec. */",
    `export const specTitle = ${JSON.stringify(specTitle(document))};\n`,
    "/** The spec's first server: the base URL unless one is configured. */",
    `export const defaultBaseUrl = ${JSON.stringify(serverUrls(document)[0] ?? "")};\n`,
    "/** One tool per operation of the spec, named after the client method that calls it. */",
    `export const tools: readonly ToolDefinition<${clientType}>[] = [`,
    ...operations.map((operation) => renderTool(document, operation, api)),
    "];",
    "",
  ].join("\n");
}

export const mcpTarget: Target = {
  name: "mcp",
  packageDir: mcpPackageDir,
  ownedDirs: (api: ApiEntry) => [join(mcpPackageDir(api), "src", "generated")],
  async render(context: TargetContext): Promise<GeneratedFile[]> {
    return [
      {
        file: join(mcpPackageDir(context.api), "src", "generated", "tools.gen.ts"),
        contents: renderToolsModule(context),
      },
    ];
  },
};
