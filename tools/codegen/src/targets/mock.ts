// The mock package of an API (`packages/<api>-mock`): one generated module with the table
// @leadkit/mock-runtime plays the API from — every operation (keyed by the client's method
// name) with its method, path, parameters and how to coerce them, its security, its documented
// statuses and examples, its request examples, and what it does to the mock's state (create,
// read, update, ... read from its method and path) — plus the types overrides are checked
// against. The validators come from the types package (`@leadkit/<api>-types/validate`); the
// package's hand-written `src/vendor.ts` adds what a spec cannot say.
import { dirname, join } from "node:path";
import { tsBanner } from "../banner.js";
import {
  listOperations,
  type OpenApiDocument,
  type OperationInfo,
  propertyKey,
  resolveRef,
  serverUrls,
  specTitle,
} from "../openapi.js";
import type { ApiEntry } from "../workspace.js";
import { sampleOf } from "./mock-sample.js";
import type { GeneratedFile, Target, TargetContext } from "./target.js";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `packages/<api>-mock`, next to the API's client package. */
export function mockPackageDir(api: ApiEntry): string {
  return join(dirname(api.clientDir), `${api.name}-mock`);
}

/** The mock's npm name, `@leadkit/<api>-mock`. */
export function mockPackageName(api: ApiEntry): string {
  return `${api.clientPackageName}-mock`;
}

type ScalarType = "string" | "number" | "integer" | "boolean";

interface Parameter {
  name: string;
  type: ScalarType | "array";
  items?: ScalarType;
  required: boolean;
}

/** The JSON type a parameter's schema gives its value (the first non-null one), for coercion. */
function scalarType(document: OpenApiDocument, raw: unknown): ScalarType | "array" | undefined {
  const schema = resolveRef<Node>(document, raw);
  if (!isNode(schema)) return undefined;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type): type is string => typeof type === "string" && type !== "null",
  );
  const type = types[0];
  if (type === "string" || type === "number" || type === "integer" || type === "boolean" || type === "array")
    return type;
  if (Array.isArray(schema.enum)) {
    const value = schema.enum.find((item) => item !== null);
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    if (typeof value === "boolean") return "boolean";
    if (typeof value === "string") return "string";
  }
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    for (const option of options) {
      const found = scalarType(document, option);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function parameter(document: OpenApiDocument, raw: Node): Parameter {
  const schema = resolveRef<Node>(document, raw.schema);
  const type = scalarType(document, schema) ?? "string";
  const items = type === "array" && isNode(schema) ? scalarType(document, schema.items) : undefined;
  return {
    name: raw.name as string,
    type,
    ...(type === "array" ? { items: items === "array" || items === undefined ? "string" : items } : {}),
    required: raw.required === true,
  };
}

function exampleOf(document: OpenApiDocument, raw: unknown): unknown {
  const node = resolveRef<Node>(document, raw);
  return isNode(node) ? node.value : undefined;
}

/** The first JSON media type of a content map (`application/json`, `application/vnd.x+json`). */
function jsonMedia(content: unknown): [string, Node] | undefined {
  if (!isNode(content)) return undefined;
  const entries = Object.entries(content).filter((entry): entry is [string, Node] => isNode(entry[1]));
  return entries.find(([type]) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) ?? entries[0];
}

function examples(
  document: OpenApiDocument,
  media: Node | undefined,
): Array<{ name: string; value: unknown }> {
  if (media === undefined) return [];
  if (media.example !== undefined) return [{ name: "example", value: media.example }];
  if (!isNode(media.examples)) {
    const schema = resolveRef<Node>(document, media.schema);
    return isNode(schema) && schema.example !== undefined ? [{ name: "schema", value: schema.example }] : [];
  }
  return Object.entries(media.examples).flatMap(([name, example]) => {
    const value = exampleOf(document, example);
    return value === undefined ? [] : [{ name, value }];
  });
}

interface Security {
  kind: "bearer" | "basic" | "header" | "query";
  name: string;
  scheme: string;
}

/** The scheme the mock checks: the first of the requirement it can (cookies and mutual TLS it cannot). */
function securityOf(document: OpenApiDocument, requirement: unknown): Security | undefined {
  const schemes = isNode(document.components)
    ? resolveRef<Node>(document, document.components.securitySchemes)
    : {};
  if (!Array.isArray(requirement)) return undefined;
  for (const alternative of requirement) {
    if (!isNode(alternative)) continue;
    for (const name of Object.keys(alternative)) {
      const scheme = resolveRef<Node>(document, isNode(schemes) ? schemes[name] : undefined);
      if (!isNode(scheme)) continue;
      if (scheme.type === "http") {
        const kind = String(scheme.scheme).toLowerCase();
        if (kind === "bearer") return { kind: "bearer", name: "authorization", scheme: name };
        if (kind === "basic") return { kind: "basic", name: "authorization", scheme: name };
      }
      if (scheme.type === "oauth2" || scheme.type === "openIdConnect")
        return { kind: "bearer", name: "authorization", scheme: name };
      if (scheme.type === "apiKey" && typeof scheme.name === "string") {
        // A key in `Authorization` travels as `Bearer <key>`, as leadkit's clients send it.
        if (scheme.in === "header")
          return scheme.name.toLowerCase() === "authorization"
            ? { kind: "bearer", name: "authorization", scheme: name }
            : { kind: "header", name: scheme.name.toLowerCase(), scheme: name };
        if (scheme.in === "query") return { kind: "query", name: scheme.name, scheme: name };
      }
    }
  }
  return undefined;
}

/** A requirement is met by sending nothing when it is empty or has an empty alternative (`- {}`). */
function requiresAuth(requirement: unknown): boolean {
  return (
    Array.isArray(requirement) &&
    requirement.length > 0 &&
    !requirement.some((alternative) => isNode(alternative) && Object.keys(alternative).length === 0)
  );
}

interface Resource {
  collection: string;
  role: "create" | "read" | "update" | "replace" | "delete" | "list";
  idParam?: string;
}

const ROLES_ON_ITEM: Record<string, Resource["role"]> = {
  get: "read",
  patch: "update",
  put: "replace",
  delete: "delete",
};

/**
 * What an operation does to the mock's state, by REST convention: POST to `/leads` creates, GET
 * lists; GET, PATCH, PUT and DELETE on `/leads/{id}` read, merge, replace and delete. Anything
 * else (an action such as `POST /leads/{id}/archive`) just answers its documented example.
 */
export function resourceOf(operation: OperationInfo): Resource | undefined {
  const segments = operation.path.split("/").filter(Boolean);
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  const param = /^\{([^}]+)\}$/.exec(last)?.[1];
  if (param !== undefined) {
    const collection = segments.at(-2);
    const role = ROLES_ON_ITEM[operation.method];
    if (collection === undefined || collection.includes("{") || role === undefined) return undefined;
    return { collection, role, idParam: param };
  }
  if (last.includes("{")) return undefined;
  if (operation.method === "post") return { collection: last, role: "create" };
  if (operation.method === "get") return { collection: last, role: "list" };
  return undefined;
}

/** Names the mock object already uses for its controls. */
const RESERVED = new Set([
  "url",
  "port",
  "requests",
  "store",
  "inject",
  "override",
  "reset",
  "close",
  "baseUrl",
]);

/** `leads` -> `leads`, `line-items` -> `lineItems`, `requests` -> `requestsRecords`. */
export function collectionProperty(collection: string): string {
  const camel = collection.replace(/[^A-Za-z0-9$_]+(.)?/g, (_, next: string | undefined) =>
    (next ?? "").toUpperCase(),
  );
  const id = /^[A-Za-z$_]/.test(camel) ? camel : `_${camel}`;
  return RESERVED.has(id) ? `${id}Records` : id;
}

/** The server's base path (`https://commerce.driv.ly/api` -> `/api`), variables at their defaults. */
function serverBase(document: OpenApiDocument): { url: string; basePath: string } {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const first = servers.find(isNode);
  let url = serverUrls(document)[0] ?? "";
  const variables = isNode(first?.variables) ? first.variables : {};
  url = url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isNode(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
  let basePath: string;
  try {
    basePath = new URL(url).pathname;
  } catch {
    basePath = url.startsWith("/") ? url : "";
  }
  return { url, basePath: basePath.replace(/\/+$/, "") };
}

interface OperationTable {
  readonly name: string;
  readonly info: OperationInfo;
  readonly table: Node;
}

function operationTable(document: OpenApiDocument, info: OperationInfo): OperationTable {
  const item = resolveRef<Node>(document, (document.paths as Node)[info.path]);
  const raw = item[info.method] as Node;
  const parameters = [
    ...(Array.isArray(item.parameters) ? item.parameters : []),
    ...(Array.isArray(raw.parameters) ? raw.parameters : []),
  ]
    .map((value) => resolveRef<Node>(document, value))
    .filter(isNode);
  // An operation-level parameter replaces a path-level one of the same name and location.
  const unique = new Map(parameters.map((p) => [`${String(p.in)}:${String(p.name)}`, p]));
  const of = (where: string) =>
    [...unique.values()].filter((p) => p.in === where && typeof p.name === "string");
  const parameterExamples: Record<string, unknown> = {};
  for (const p of [...of("path"), ...of("query")]) {
    const value =
      p.example !== undefined
        ? p.example
        : isNode(p.examples)
          ? exampleOf(document, Object.values(p.examples)[0])
          : resolveRef<Node>(document, p.schema)?.example;
    if (value !== undefined) parameterExamples[p.name as string] = value;
  }
  const requestBody = resolveRef<Node>(document, raw.requestBody);
  const bodyMedia = isNode(requestBody) ? jsonMedia(requestBody.content) : undefined;
  const responses: Record<string, Node> = {};
  const rawResponses = isNode(raw.responses) ? raw.responses : {};
  for (const [status, value] of Object.entries(rawResponses)) {
    const response = resolveRef<Node>(document, value);
    const media = isNode(response) ? jsonMedia(response.content) : undefined;
    if (media === undefined) {
      responses[status] = {};
      continue;
    }
    const found = examples(document, media[1]);
    // No example: the smallest body the schema allows, so the answer still conforms.
    const sample = found[0] === undefined ? sampleOf(document, media[1].schema) : undefined;
    responses[status] = {
      mediaType: media[0],
      ...(found[0] === undefined ? {} : { example: found[0].value }),
      ...(sample === undefined ? {} : { example: sample, synthesized: true }),
      ...(found.length > 1 ? { examples: Object.fromEntries(found.map((e) => [e.name, e.value])) } : {}),
    };
  }
  const resource = resourceOf(info);
  const requirement = raw.security !== undefined ? raw.security : document.security;
  return {
    name: info.methodName,
    info,
    table: {
      operationId: info.name,
      method: info.method.toUpperCase(),
      path: info.path,
      pathParams: info.pathParams.map((name) => {
        const found = of("path").find((p) => p.name === name);
        return found ? parameter(document, found) : { name, type: "string", required: true };
      }),
      queryParams: of("query").map((p) => parameter(document, p)),
      ...(bodyMedia === undefined
        ? {}
        : {
            body: { mediaType: bodyMedia[0], required: isNode(requestBody) && requestBody.required === true },
          }),
      secured: requiresAuth(requirement),
      successStatus: Object.keys(rawResponses).find((status) => /^2\d\d$/.test(status)),
      responses,
      requestExamples: examples(document, bodyMedia?.[1]),
      parameterExamples,
      ...(resource === undefined ? {} : { resource }),
    },
  };
}

/** The id type of a collection: its id path parameter's, else a number. */
function idTypeOf(tables: readonly OperationTable[], collection: string): "integer" | "string" {
  for (const { table } of tables) {
    const resource = table.resource as Resource | undefined;
    if (resource?.collection !== collection || resource.idParam === undefined) continue;
    const param = (table.pathParams as Parameter[]).find((p) => p.name === resource.idParam);
    if (param !== undefined)
      return param.type === "integer" || param.type === "number" ? "integer" : "string";
  }
  return "integer";
}

/** The mock's collections: each one's property, id field and id type, from its operations. */
function collectionsOf(tables: readonly OperationTable[]): Record<string, Node> {
  const collections: Record<string, Node> = {};
  for (const { table } of tables) {
    const resource = table.resource as Resource | undefined;
    if (resource === undefined || resource.collection in collections) continue;
    const idParam = tables
      .map(({ table: other }) => other.resource as Resource | undefined)
      .find((other) => other?.collection === resource.collection && other.idParam !== undefined)?.idParam;
    collections[resource.collection] = {
      property: collectionProperty(resource.collection),
      idField: idParam ?? "id",
      idType: idTypeOf(tables, resource.collection),
    };
  }
  return collections;
}

/**
 * The spec's own example of a stored resource seeds its collection (Drivly's lead 1042): the
 * success example of the first read (else update, replace) of it, under its id parameter's example.
 */
function seedsOf(tables: readonly OperationTable[], collections: Record<string, Node>): Node[] {
  const seeds: Node[] = [];
  for (const [collection, definition] of Object.entries(collections)) {
    for (const role of ["read", "update", "replace"]) {
      const source = tables.find(({ table }) => {
        const resource = table.resource as Resource | undefined;
        const status = table.successStatus as string | undefined;
        return (
          resource?.collection === collection &&
          resource.role === role &&
          status !== undefined &&
          isNode((table.responses as Record<string, Node>)[status]?.example) &&
          (table.responses as Record<string, Node>)[status]?.synthesized !== true
        );
      });
      if (source === undefined) continue;
      const resource = source.table.resource as Resource;
      const raw = (source.table.parameterExamples as Node)[resource.idParam as string] ?? "1";
      const id = definition.idType === "integer" && /^\d+$/.test(String(raw)) ? Number(raw) : String(raw);
      seeds.push({ collection, id, operation: source.name, status: source.table.successStatus });
      break;
    }
  }
  return seeds;
}

export function renderMockModule(context: TargetContext): string {
  const { api, document, specVersion } = context;
  const tables = listOperations(document).map((info) => operationTable(document, info));
  const collections = collectionsOf(tables);
  const { url, basePath } = serverBase(document);
  const operationSecurity = tables.map(({ info }) => {
    const item = resolveRef<Node>(document, (document.paths as Node)[info.path]);
    return securityOf(document, (item[info.method] as Node).security);
  });
  const definition = {
    api: api.name,
    title: specTitle(document),
    specVersion,
    defaultBaseUrl: url,
    basePath,
    security: securityOf(document, document.security) ?? operationSecurity.find(Boolean),
    operations: Object.fromEntries(tables.map(({ name, table }) => [name, table])),
    collections,
    seeds: seedsOf(tables, collections),
  };
  const typesPackage = api.typesPackageName;
  const properties = Object.values(collections).map((collection) => collection.property as string);
  return [
    tsBanner({ specPath: api.specPath, specVersion }),
    // Operations without an operationId are typed through `paths` (openapi-typescript lists only
    // operations with ids in `operations`).
    `import type { ${["operations", "paths"].filter((kind) => tables.some(({ info }) => info.typeRef.startsWith(`${kind}[`))).join(", ")} } from ${JSON.stringify(typesPackage)};`,
    `import { validators } from ${JSON.stringify(`${typesPackage}/validate`)};`,
    'import type { MockDefinition, MockSetup, StoredRecord } from "@leadkit/mock-runtime";\n',
    "/** The spec's operations by client method name: what overrides are typed by. */",
    `export interface MockOperations {\n${tables.map(({ name, info }) => `  ${propertyKey(name)}: ${info.typeRef};`).join("\n")}\n}\n`,
    "/** The mock's collections (`mock.<collection>`); the package's vendor file may type their records further. */",
    `export interface MockRecords {\n${properties.map((name) => `  ${propertyKey(name)}: StoredRecord;`).join("\n")}\n}\n`,
    "/** Every operation of the spec as the mock plays it; read by @leadkit/mock-runtime. */",
    `export const mockDefinition: MockDefinition = ${JSON.stringify(definition, null, 2)};\n`,
    "/** The table and the spec's validators (from the types package), ready for the runtime. */",
    "export const mockSetup: MockSetup<object> = { definition: mockDefinition, validators };",
    "",
  ].join("\n");
}

export const mockTarget: Target = {
  name: "mock",
  packageDir: mockPackageDir,
  ownedDirs: (api: ApiEntry) => [join(mockPackageDir(api), "src", "generated")],
  async render(context: TargetContext): Promise<GeneratedFile[]> {
    return [
      {
        file: join(mockPackageDir(context.api), "src", "generated", "mock.gen.ts"),
        contents: renderMockModule(context),
      },
    ];
  },
};
