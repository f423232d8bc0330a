// The files `new-api` scaffolds for an API, each from a template in ../templates, and the values
// the templates are rendered with. Values derived from the API's name and bundled spec are the
// same for the existing APIs, which is how the drift test compares the templates with their
// hand-maintained packages.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  collectionProperty,
  listOperations,
  mcpTool,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  resolveRef,
  resourceOf,
  serverUrls,
  validatorSchemas,
} from "@leadkit/codegen";
import { type Part, parseTemplate } from "./template.js";

export const TEMPLATES_DIR = fileURLToPath(new URL("../templates/", import.meta.url));

export type Comparison = "text" | "package-json";

export interface TemplateFile {
  /** Path under templates/. */
  readonly template: string;
  /** Path of the file it makes, relative to the workspace root. */
  target(name: string): string;
  /** How the drift test compares it with an existing API's file. */
  readonly comparison: Comparison;
}

const typesFile = (file: string, comparison: Comparison = "text"): TemplateFile => ({
  template: `types/${file}.tmpl`,
  target: (name) => `packages/${name}-types/${file}`,
  comparison,
});
const clientFile = (file: string, comparison: Comparison = "text"): TemplateFile => ({
  template: `client/${file}.tmpl`,
  target: (name) => `packages/${name}/${file}`,
  comparison,
});
const mockFile = (file: string, comparison: Comparison = "text", target = file): TemplateFile => ({
  template: `mock/${file}.tmpl`,
  target: (name) => `packages/${name}-mock/${target.replace("{name}", name)}`,
  comparison,
});
const mcpFile = (file: string, comparison: Comparison = "text"): TemplateFile => ({
  template: `mcp/${file}.tmpl`,
  target: (name) => `packages/${name}-mcp/${file}`,
  comparison,
});

/** The package files of an API; every one has a hand-maintained counterpart in the existing APIs. */
export const PACKAGE_TEMPLATES: readonly TemplateFile[] = [
  typesFile("package.json", "package-json"),
  typesFile("tsconfig.json"),
  typesFile("tsconfig.build.json"),
  typesFile("turbo.json"),
  typesFile("vitest.config.ts"),
  typesFile("src/index.ts"),
  typesFile("src/validate.ts"),
  typesFile("test/package.test.ts"),
  clientFile("package.json", "package-json"),
  clientFile("tsconfig.json"),
  clientFile("tsconfig.build.json"),
  clientFile("turbo.json"),
  clientFile("vitest.config.ts"),
  clientFile("src/index.ts"),
  clientFile("README.md"),
  clientFile("test/package.test.ts"),
  mockFile("package.json", "package-json"),
  mockFile("tsconfig.json"),
  mockFile("tsconfig.build.json"),
  mockFile("turbo.json"),
  mockFile("vitest.config.ts"),
  mockFile("src/index.ts"),
  mockFile("src/msw.ts"),
  mockFile("src/vendor.ts"),
  mockFile("bin/leadkit-mock.js", "text", "bin/leadkit-{name}-mock.js"),
  mockFile("bench/index.ts"),
  mockFile("README.md"),
  mockFile("test/package.test.ts"),
  mockFile("test/mock.test.ts"),
  mcpFile("package.json", "package-json"),
  mcpFile("tsconfig.json"),
  mcpFile("tsconfig.build.json"),
  mcpFile("turbo.json"),
  mcpFile("vitest.config.ts"),
  mcpFile("src/index.ts"),
  mcpFile("src/cli.ts"),
  mcpFile("README.md"),
  mcpFile("test/server.test.ts"),
  mcpFile("test/package.test.ts"),
  mcpFile("bench/index.ts"),
];

/** The spec written when `new-api` is given none. */
export const SPEC_TEMPLATE = "spec/openapi.yaml.tmpl";

export function loadTemplate(template: string): Part[] {
  return parseTemplate(readFileSync(`${TEMPLATES_DIR}${template}`, "utf8"), template);
}

/**
 * package.json keys whose values are prose per API, and maps where an API's package may have
 * more entries than the template (a test dependency of its own) — but not one every existing
 * package has (that belongs in the template), unless it is listed in NOT_SCAFFOLDED.
 */
export const PACKAGE_JSON_PROSE = ["description", "keywords"] as const;
export const PACKAGE_JSON_EXTENSIBLE = ["scripts", "devDependencies"] as const;
export const NOT_SCAFFOLDED: Readonly<Record<string, string>> = {
  "scripts.bench":
    "each client's bench/index.ts is written by hand for one of its operations (it needs a realistic call)",
};

/** Values derived from the API's name. */
export function nameValues(name: string, scope = "@leadkit"): Record<string, string> {
  const Name = pascalCase(name);
  return {
    name,
    Name,
    camel: Name.charAt(0).toLowerCase() + Name.slice(1),
    ENV: name.toUpperCase().replace(/-/g, "_"),
    typesPackage: `${scope}/${name}-types`,
    clientPackage: `${scope}/${name}`,
    mockPackage: `${scope}/${name}-mock`,
    mcpPackage: `${scope}/${name}-mcp`,
    runtimeExports: [
      "ApiError",
      "ConnectionError",
      `${Name}ApiError`,
      "InvalidResponseError",
      "LeadkitError",
      "RequestValidationError",
      "TimeoutError",
      `create${Name}Client`,
      "operationDefinitions",
      "packageName",
      "packageVersion",
    ]
      .sort()
      .map((item) => `      ${JSON.stringify(item)},`)
      .join("\n"),
  };
}

/** Values derived from the API's bundled spec (and where its root file is). */
export function specValues(document: OpenApiDocument, specPath: string): Record<string, string> {
  const operations = listOperations(document);
  // The mock's collections, as the codegen's mock target names them (`mock.leads`).
  const collections = [
    ...new Set(
      operations.flatMap((operation) => {
        const resource = resourceOf(operation);
        return resource === undefined ? [] : [collectionProperty(resource.collection)];
      }),
    ),
  ];
  return {
    specPath,
    baseUrl: serverUrls(document)[0] ?? "",
    firstOperation: operations[0]?.methodName ?? "operation",
    firstCollection: collections[0] ?? "records",
    collectionsList:
      collections.length === 0 ? "(none)" : collections.map((name) => `\`${name}\``).join(", "),
  };
}

/** Values the templates need only for a new API (the default text of their slots). */
export interface NewApiInput {
  readonly name: string;
  readonly document: OpenApiDocument;
  readonly specPath: string;
  readonly displayName: string;
  readonly title: string;
  /** The spec came from the vendor (adopted as is), not from the template. */
  readonly vendorSpec: boolean;
}

interface Auth {
  readonly description: string;
  readonly source: string;
  readonly fn: string;
}

/** How the key is sent, from the spec's security schemes: a bearer token unless it says otherwise. */
export function authFromSpec(document: OpenApiDocument): Auth {
  const schemes = Object.values(
    ((document.components as Record<string, unknown> | undefined)?.securitySchemes ?? {}) as Record<
      string,
      unknown
    >,
  ).map((scheme) => resolveRef<Record<string, unknown>>(document, scheme));
  const bearer = {
    description: "Authorization: Bearer <apiKey>",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is source code for the client's src/index.ts.
    fn: "(apiKey) => ({ Authorization: `Bearer ${apiKey}` })",
  };
  for (const scheme of schemes) {
    if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer")
      return { ...bearer, source: ", as the spec's security scheme says" };
    if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") {
      if (scheme.name.toLowerCase() === "authorization")
        return {
          ...bearer,
          source: " (the spec's scheme names the header; check the `Bearer ` prefix with the vendor)",
        };
      return {
        description: `${scheme.name}: <apiKey>`,
        source: ", as the spec's security scheme says",
        fn: `(apiKey) => ({ ${JSON.stringify(scheme.name)}: apiKey })`,
      };
    }
  }
  return { ...bearer, source: " (leadkit's default: the spec names no scheme; check it with the vendor)" };
}

function callArguments(operation: OperationInfo): string {
  const args = operation.pathParams.map((param) => JSON.stringify(`<${param}>`));
  if (operation.hasRequestBody) args.push("{ /* the request body */ }");
  return args.join(", ");
}

function exampleCall(camel: string, operation: OperationInfo | undefined): string {
  if (operation === undefined) return "// the spec has no operation yet";
  return [
    `// ${operation.method.toUpperCase()} ${operation.path}${operation.summary ? `: ${operation.summary}` : ""}`,
    `  const result = await ${camel}.${operation.methodName}(${callArguments(operation)});`,
    "  console.log(result);",
  ].join("\n");
}

function pathBasedCall(operation: OperationInfo | undefined): string {
  if (operation === undefined) return 'GET("/");';
  const init: string[] = [];
  if (operation.pathParams.length > 0)
    init.push(
      `params: { path: { ${operation.pathParams.map((p) => `${JSON.stringify(p)}: "<${p}>"`).join(", ")} } }`,
    );
  if (operation.hasRequestBody) init.push("body: { /* the request body */ }");
  const options = init.length > 0 ? `, { ${init.join(", ")} }` : "";
  return `${operation.method.toUpperCase()}(${JSON.stringify(operation.path)}${options});`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The first example of a `content` map's preferred (JSON) media type. */
function mediaExample(document: OpenApiDocument, content: unknown): unknown {
  if (!isObject(content)) return undefined;
  const media = Object.entries(content).sort(
    ([a], [b]) => Number(!/json/i.test(a)) - Number(!/json/i.test(b)),
  )[0]?.[1];
  if (!isObject(media)) return undefined;
  if (media.example !== undefined) return media.example;
  const first = isObject(media.examples) ? Object.values(media.examples)[0] : undefined;
  return resolveRef<Record<string, unknown> | undefined>(document, first)?.value;
}

/** The MCP package's table of tools, one row per operation. */
function toolsTable(document: OpenApiDocument, specPath: string): string {
  const operations = listOperations(document);
  if (operations.length === 0) return "The spec has no operation yet, so the server has no tool.";
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
  const rows = operations.map((operation) => {
    const tool = mcpTool(document, operation, specPath);
    const kind = tool.annotations.readOnlyHint
      ? "read-only"
      : tool.mayCreate
        ? "creates; never repeated once it may have reached the API"
        : "idempotent";
    return `| \`${tool.name}\` | \`${tool.method} ${tool.path}\` | ${cell(tool.title)} | ${kind} |`;
  });
  return ["| tool | operation | what it does | annotations |", "| --- | --- | --- | --- |", ...rows].join(
    "\n",
  );
}

/**
 * The README's tool call: the first operation called with the spec's examples, and the result the
 * server returns when the API answers with the documented success example (the package's README
 * test replays it against the built server).
 */
export function mcpTranscript(document: OpenApiDocument, specPath: string): string {
  const operation = listOperations(document)[0];
  const missing =
    "_The spec has no success example to show a call with: add one, then put the call and its result here as two `json` blocks (the package's README test replays them and prints the real result)._";
  if (operation === undefined || operation.successStatus === undefined) return missing;
  const tool = mcpTool(document, operation, specPath);
  const item = resolveRef<Record<string, unknown>>(
    document,
    (document.paths as Record<string, unknown>)[operation.path],
  );
  const raw = item[operation.method] as Record<string, unknown>;
  const parameters = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(raw.parameters) ? raw.parameters : []),
  ].map((parameter) => resolveRef<Record<string, unknown>>(document, parameter));
  const exampleOf = (where: string, name: string) =>
    parameters.find((parameter) => parameter.in === where && parameter.name === name)?.example;
  const args: Record<string, unknown> = {};
  for (const [argument, name] of Object.entries(tool.arguments.path))
    args[argument] = exampleOf("path", name) ?? "1";
  for (const [argument, name] of Object.entries(tool.arguments.query)) {
    const example = exampleOf("query", name);
    if (example !== undefined) args[argument] = example;
  }
  if (tool.arguments.body !== undefined) {
    const body = mediaExample(
      document,
      resolveRef<Record<string, unknown>>(document, raw.requestBody)?.content,
    );
    if (body !== undefined) args[tool.arguments.body] = body;
  }
  const response = resolveRef<Record<string, unknown>>(
    document,
    (raw.responses as Record<string, unknown>)[operation.successStatus],
  );
  const data = mediaExample(document, response?.content);
  if (data === undefined) return missing;
  const result = {
    content: [{ type: "text", text: JSON.stringify(data, null, 2) }],
    structuredContent: tool.output === "body" && isObject(data) ? data : { data },
  };
  return [
    "What an MCP client sends (the `tools/call` request's `params`), and what it gets back when the",
    "API answers with the spec's example; the package's tests replay this call against the built",
    "server and a local server that plays the spec.",
    "",
    "```json",
    JSON.stringify({ name: tool.name, arguments: args }, null, 2),
    "```",
    "",
    "```json",
    JSON.stringify(result, null, 2),
    "```",
  ].join("\n");
}

/**
 * The README's validation example for a new API: the first operation's body validator (else any
 * of its validators) used as a form handler would, through Standard Schema.
 */
function validationSnippet(typesPackage: string, document: OpenApiDocument): string {
  const validator =
    validatorSchemas(document).validators.find((candidate) => candidate.part === "body") ??
    validatorSchemas(document).validators[0];
  if (validator === undefined) return "// the spec gives no operation a JSON schema to validate";
  return [
    `import { ${validator.name} } from "${typesPackage}/validate";`,
    "",
    "/** Checks a form's input against the spec before anything is sent: Standard Schema v1. */",
    "export function check(input: unknown) {",
    `  const result = ${validator.name}["~standard"].validate(input);`,
    "  if (result.issues) return { errors: result.issues.map((issue) => issue.message) };",
    "  return { value: result.value }; // typed as the spec's type",
    "}",
  ].join("\n");
}

/** Every value the templates use, for a new API. */
export function newApiValues(input: NewApiInput): Record<string, string> {
  const names = nameValues(input.name);
  const operations = listOperations(input.document);
  const first = operations[0];
  const auth = authFromSpec(input.document);
  const errorStatus =
    operations.flatMap((operation) => operation.statuses).find((status) => /^[45]\d\d$/.test(status)) ??
    "404";
  const openapi = typeof input.document.openapi === "string" ? input.document.openapi : "3.1";
  const summary =
    operations.length === 0
      ? "no operation yet"
      : operations
          .slice(0, 3)
          .map((operation) => `\`${operation.method.toUpperCase()} ${operation.path}\``)
          .join(", ") + (operations.length > 3 ? ` and ${operations.length - 3} more operations` : "");
  return {
    ...names,
    ...specValues(input.document, input.specPath),
    title: input.title,
    displayName: input.displayName,
    openapiVersion: openapi,
    operationsSummary: summary,
    specOrigin: input.vendorSpec
      ? `the vendor's published OpenAPI ${openapi} description, adopted as is`
      : `leadkit's hand-authored OpenAPI ${openapi} spec`,
    exampleCall: exampleCall(names.camel as string, first),
    exampleNote:
      "The methods take the path parameters in path order, then the body, then the query, then per-call options; their types come from the spec (see the API reference).",
    pathBasedCall: pathBasedCall(first),
    validationSnippet: validationSnippet(names.typesPackage as string, input.document),
    authDescription: auth.description,
    authSource: auth.source,
    authFunction: auth.fn,
    firstErrorStatus: errorStatus,
    toolsTable: toolsTable(input.document, input.specPath),
    transcript: mcpTranscript(input.document, input.specPath),
    errorNote: input.vendorSpec
      ? "The spec is the vendor's own description, adopted as is: the problems leadkit's lint found in it are recorded in `.redocly.lint-ignore.yaml` (see the repository README).\n\n"
      : "",
  };
}
