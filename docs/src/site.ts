// What the site shows, read from the workspace: the APIs of redocly.yaml (through the codegen's
// own `loadWorkspace`, so a new API appears with no change here), each API's bundled spec from
// its types package, its npm packages and their changelogs.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ApiEntry,
  CONFIG_FILE,
  CodegenError,
  findConfigFile,
  listOperations,
  loadWorkspace,
  mcpPackageDir,
  mockPackageDir,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  propertyKey,
  selectApis,
  specTitle,
  specVersion,
  type Workspace,
} from "@leadkit/codegen";
import { inferredFacts } from "./present.js";
import { operationInputs, sampleContext } from "./samples/index.js";
import { typescriptSample } from "./samples/typescript.js";

/** The docs package folder (docs/), whatever the current directory. */
export const DOCS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface SiteOptions {
  /** Workspace root holding redocly.yaml; by default the one above the docs package. */
  readonly root?: string;
  /** API names to include; all APIs of redocly.yaml when empty or absent. */
  readonly apis?: readonly string[];
}

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string | undefined;
  readonly dir: string;
  /** `CHANGELOG.md`, when changesets has written one. */
  readonly changelog: string | undefined;
}

export interface OperationSummary extends OperationInfo {
  readonly tags: readonly string[];
}

export interface ApiDoc {
  readonly entry: ApiEntry;
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly version: string;
  readonly document: OpenApiDocument;
  readonly operations: readonly OperationSummary[];
  readonly inferredCount: number;
  /** The bundled spec files of the types package (`spec/openapi.{json,yaml}`). */
  readonly specJson: string;
  readonly specYaml: string;
  readonly typesPackage: PackageInfo;
  /** The client package (`packages/<api>`), once it exists. */
  readonly clientPackage: PackageInfo | undefined;
  /** The mock server package (`packages/<api>-mock`), once it exists. */
  readonly mockPackage: PackageInfo | undefined;
  /** The MCP server package (`packages/<api>-mcp`), once it exists. */
  readonly mcpPackage: PackageInfo | undefined;
  /** The client README's "Test your integration" example (tested by the mock package), if any. */
  readonly testing: string | undefined;
  /** A short TypeScript example for the landing page. */
  readonly usage: { readonly packageName: string; readonly code: string };
  /** The client README's validation example (its first block under `## Validation`), if any. */
  readonly validation: string | undefined;
  /** The MCP server (`packages/<api>-mcp`) with its README's client configuration and tool call. */
  readonly mcp: McpDoc | undefined;
}

export interface McpDoc {
  readonly package: PackageInfo;
  /** The `mcpServers` JSON of `## Configure your MCP client`. */
  readonly config: string;
  /** The two JSON blocks of `## A tool call`: the `tools/call` params and the result. */
  readonly call: readonly [request: string, result: string] | undefined;
}

export interface Site {
  readonly workspace: Workspace;
  readonly apis: readonly ApiDoc[];
}

export function loadSiteWorkspace(options: SiteOptions = {}): { workspace: Workspace; apis: ApiEntry[] } {
  const configFile = options.root === undefined ? findConfigFile(DOCS_DIR) : join(options.root, CONFIG_FILE);
  const workspace = loadWorkspace(configFile);
  return { workspace, apis: selectApis(workspace, options.apis ?? []) };
}

function readPackage(dir: string): PackageInfo | undefined {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return undefined;
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    name?: string;
    version?: string;
    description?: string;
  };
  const changelog = join(dir, "CHANGELOG.md");
  return {
    name: json.name ?? "",
    version: json.version ?? "0.0.0",
    description: json.description,
    dir,
    changelog: existsSync(changelog) ? readFileSync(changelog, "utf8") : undefined,
  };
}

function operationTags(document: OpenApiDocument, operation: OperationInfo): string[] {
  const paths = document.paths as Record<string, Record<string, { tags?: unknown }>> | undefined;
  const tags = paths?.[operation.path]?.[operation.method]?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

/** `info.summary`, else the first sentence of `info.description`, as plain text. */
function summaryOf(document: OpenApiDocument): string {
  const info = (document.info ?? {}) as { summary?: unknown; description?: unknown };
  if (typeof info.summary === "string" && info.summary.trim() !== "") return info.summary.trim();
  const description = typeof info.description === "string" ? info.description : "";
  const paragraph = description.split(/\n\s*\n/)[0] ?? "";
  const plain = paragraph.replace(/[`*_]/g, "").replace(/\s+/g, " ").trim();
  return plain.split(/(?<=\.)\s/)[0] ?? plain;
}

/** An example grounded in what the types package really exports (its generated api module). */
function typesUsage(api: ApiEntry, operations: readonly OperationInfo[]): string {
  const generated = join(api.typesDir, "src", "generated", "api.gen.ts");
  const source = existsSync(generated) ? readFileSync(generated, "utf8") : "";
  const exported = (name: string) => new RegExp(`export type ${name}\\b`).test(source);
  const operation = operations.find((candidate) => candidate.hasRequestBody) ?? operations[0];
  const lines = [`import { operationsById, specVersion } from "${api.typesPackageName}";`];
  if (operation !== undefined) {
    const base = pascalCase(operation.name);
    const types = [`${base}RequestBody`, `${base}Response`].filter(exported);
    if (types.length > 0)
      lines.unshift(`import type { ${types.join(", ")} } from "${api.typesPackageName}";`);
    lines.push(
      "",
      `// ${JSON.stringify(operation.method.toUpperCase())}, ${JSON.stringify(operation.path)}`,
      `const { method, path } = operationsById${propertyKey(operation.name) === operation.name ? `.${operation.name}` : `[${JSON.stringify(operation.name)}]`};`,
    );
    if (types[0] !== undefined) lines.push(`type Body = ${types[0]};`);
  }
  return lines.join("\n");
}

/**
 * The client example: the first TypeScript block of the client's README when it has one, else
 * the TypeScript code sample of the API's first operation (the one its reference shows).
 */
function clientUsage(
  api: ApiEntry,
  client: PackageInfo | undefined,
  document: OpenApiDocument,
): string | undefined {
  if (client === undefined) return undefined;
  const readme = join(client.dir, "README.md");
  if (existsSync(readme)) {
    const block = /```(?:ts|typescript)\n([\s\S]*?)```/.exec(readFileSync(readme, "utf8"));
    if (block?.[1] !== undefined) return block[1].trimEnd();
  }
  const [first] = operationInputs(document);
  if (first === undefined) return undefined;
  return typescriptSample
    .render(sampleContext({ name: api.name, document, clientPackage: client }), first)
    .trimEnd();
}

/** The first TypeScript block of the client README's `## Validation` section (tested there). */
function validationUsage(client: PackageInfo | undefined): string | undefined {
  const readme = client === undefined ? undefined : join(client.dir, "README.md");
  if (readme === undefined || !existsSync(readme)) return undefined;
  const section = /^## Validation\n([\s\S]*?)(?=^## )/m.exec(readFileSync(readme, "utf8"))?.[1] ?? "";
  return /```(?:ts|typescript)\n([\s\S]*?)```/.exec(section)?.[1]?.trimEnd();
}

/** The first TypeScript block of the client README's "Test your integration" section. */
function testingExample(client: PackageInfo | undefined): string | undefined {
  const readme = client === undefined ? undefined : join(client.dir, "README.md");
  if (readme === undefined || !existsSync(readme)) return undefined;
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf("\n## Test your integration\n");
  if (start < 0) return undefined;
  const section = text.slice(start + 1).split(/\n## /)[0] ?? "";
  return /```(?:ts|typescript)\n([\s\S]*?)```/.exec(section)?.[1]?.trimEnd();
}

/** The MCP package's README blocks, each replayed or checked by that package's tests. */
function mcpUsage(api: ApiEntry): McpDoc | undefined {
  const info = readPackage(mcpPackageDir(api));
  const readme = info === undefined ? undefined : join(info.dir, "README.md");
  if (info === undefined || readme === undefined || !existsSync(readme)) return undefined;
  const text = readFileSync(readme, "utf8");
  const blocks = (heading: string) => {
    const section =
      new RegExp(`^## ${heading}\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, "m").exec(text)?.[1] ?? "";
    return [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => match[1] as string);
  };
  const [config] = blocks("Configure your MCP client");
  const [request, result] = blocks("A tool call");
  if (config === undefined) return undefined;
  return {
    package: info,
    config,
    call: request === undefined || result === undefined ? undefined : [request, result],
  };
}

export function loadApiDoc(api: ApiEntry): ApiDoc {
  const specJson = join(api.typesDir, "spec", "openapi.json");
  const specYaml = join(api.typesDir, "spec", "openapi.yaml");
  if (!existsSync(specJson) || !existsSync(specYaml)) {
    throw new CodegenError(
      `API \`${api.name}\` has no bundled spec in ${join(api.typesDir, "spec")}, so its reference cannot be built.`,
      "Run `pnpm generate` (the docs render the spec the types package ships).",
    );
  }
  const document = JSON.parse(readFileSync(specJson, "utf8")) as OpenApiDocument;
  const operations = listOperations(document).map((operation) => ({
    ...operation,
    tags: operationTags(document, operation),
  }));
  const typesPackage = readPackage(api.typesDir) ?? {
    name: api.typesPackageName,
    version: "0.0.0",
    description: undefined,
    dir: api.typesDir,
    changelog: undefined,
  };
  const clientPackage = readPackage(api.clientDir);
  const fromClient = clientUsage(api, clientPackage, document);
  return {
    entry: api,
    name: api.name,
    title: specTitle(document) || api.name,
    summary: summaryOf(document),
    version: specVersion(document),
    document,
    operations,
    inferredCount: inferredFacts(document).length,
    specJson,
    specYaml,
    typesPackage,
    clientPackage,
    validation: validationUsage(clientPackage),
    testing: testingExample(clientPackage),
    // Where the mock and MCP packages live, next to the client.
    mockPackage: readPackage(mockPackageDir(api)),
    mcpPackage: readPackage(mcpPackageDir(api)),
    mcp: mcpUsage(api),
    usage:
      fromClient !== undefined && clientPackage !== undefined
        ? { packageName: clientPackage.name, code: fromClient }
        : { packageName: typesPackage.name, code: typesUsage(api, operations) },
  };
}

export function loadSite(options: SiteOptions = {}): Site {
  const { workspace, apis } = loadSiteWorkspace(options);
  return { workspace, apis: apis.map(loadApiDoc) };
}
