// The mock itself, independent of how requests arrive (node:http server or MSW handler): one
// request in, one answer out. In order: route (404/405), injected fault, auth, content type and
// JSON, path/query/body validation, the vendor's own checks, `Prefer: code=`, a test's
// override, then the operation's effect on the store and its rendered answer, checked against
// the spec's response schema.
import type {
  MockDefinition,
  OperationDefinition,
  OperationValidators,
  StandardValidator,
  ValidatorTable,
} from "./definition.js";
import { checkInjection, type Fault, type FaultInjection, FaultQueue, faultName } from "./faults.js";
import type { MockControls, Overrides, RecordedRequest } from "./types.js";
import { coerceParameter, coerceQuery, rawQuery, type Violation, validate } from "./validation.js";
import type {
  Answer,
  AuthFailure,
  OperationContext,
  ParsedRequest,
  StoredRecord,
  VendorBehaviour,
} from "./vendor.js";

/** A request as any transport hands it over. */
export interface MockHttpRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/leads/1042?depth=2`. */
  readonly url: string;
  /** Lower-case names (as node:http gives them). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw body; empty when there is none. */
  readonly body: string;
}

/** What the transport must do. */
export type MockAnswer =
  | {
      readonly kind: "respond";
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  /** Never answer; `released` settles when the mock is reset or closed (drop the connection then). */
  | { readonly kind: "hang"; readonly released: Promise<void> }
  /** Drop the connection without an answer (TCP reset). */
  | { readonly kind: "reset" };

/** The options every mock takes; each API's mock adds its vendor's (Dealer Studio: `dealerships`). */
export interface MockOptions<Operations = Record<string, unknown>, Records = Record<string, StoredRecord>> {
  /** Only this key is accepted; another gets the spec's 401/403. Default: any well-formed key. */
  readonly apiKey?: string;
  /** The records each collection starts with (and returns to on `reset()`), instead of the spec's examples. */
  readonly seed?: { readonly [C in keyof Records]?: ReadonlyArray<Partial<Records[C]>> };
  /** Answers of a test's own, typed by the spec (see `override()`); these survive `reset()`. */
  readonly overrides?: Overrides<Operations>;
  /** Called with every request once it is answered (the CLI prints one line each). */
  readonly onRequest?: (request: RecordedRequest) => void;
}

export interface MockEngine<Operations = Record<string, unknown>, Records = Record<string, StoredRecord>>
  extends MockControls<Operations, Records> {
  readonly definition: MockDefinition;
  handle(request: MockHttpRequest): Promise<MockAnswer>;
  /** Releases every hung request (the transport drops them). */
  releaseHung(): void;
}

export interface MockSetup<VendorOptions> {
  readonly definition: MockDefinition;
  readonly validators: ValidatorTable;
  readonly vendor?: VendorBehaviour<VendorOptions>;
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const RESERVED = new Set(["url", "port", "requests", "store", "inject", "override", "reset", "close"]);
const VIOLATIONS_HEADER = "leadkit-violations";

interface Route {
  readonly name: string;
  readonly operation: OperationDefinition;
  readonly pattern: RegExp;
  readonly params: readonly string[];
  readonly literals: number;
}

function compileRoutes(definition: MockDefinition): Route[] {
  const routes = Object.entries(definition.operations).map(([name, operation]) => {
    const params: string[] = [];
    const source = operation.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (param === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        params.push(param);
        return "([^/]+)";
      })
      .join("");
    const literals = operation.path.split("/").filter((segment) => segment !== "" && !segment.includes("{"));
    return { name, operation, pattern: new RegExp(`^${source}$`), params, literals: literals.length };
  });
  // `/issues/new` before `/issues/{number}`: the more literal template wins.
  return routes.sort((a, b) => b.literals - a.literals);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function header(request: MockHttpRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value as string | undefined);
}

/** A header value is latin-1 only: the violations go into it as ASCII JSON, at most ~8 KB. */
function violationsHeader(violations: readonly Violation[]): string {
  const messages: string[] = [];
  let size = 2;
  for (const violation of violations) {
    size += violation.message.length + 4;
    if (size > 8000) break;
    messages.push(violation.message);
  }
  return JSON.stringify(messages).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function parsePrefer(value: string | undefined): { code?: string; example?: string } {
  const prefer: { code?: string; example?: string } = {};
  for (const part of (value ?? "").split(/[,;]/)) {
    const [key, raw] = part.split("=").map((text) => text.trim());
    const text = raw?.replace(/^"|"$/g, "");
    if (key === "code" && text) prefer.code = text;
    if (key === "example" && text) prefer.example = text;
  }
  return prefer;
}

async function runValidator(validator: StandardValidator | undefined, value: unknown): Promise<Violation[]> {
  return validate(validator, value, "body");
}

function responseValidator(validators: OperationValidators | undefined, status: number) {
  const responses = validators?.responses ?? {};
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

export function createMockEngine<VendorOptions, Operations, Records>(
  setup: MockSetup<VendorOptions>,
  options: MockOptions<Operations, Records> & VendorOptions,
): MockEngine<Operations, Records> {
  const { definition, validators } = setup;
  const vendor: VendorBehaviour<VendorOptions> = setup.vendor ?? {};
  const routes = compileRoutes(definition);
  const operationNames = Object.keys(definition.operations);
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const store = new Map<string, Map<string, StoredRecord>>();
  const nextIds = new Map<string, number>();
  const constructorOverrides = { ...(options.overrides ?? {}) } as Record<string, unknown>;
  let overrides: Record<string, unknown> = { ...constructorOverrides };
  let requestCount = 0;
  let hung: Array<() => void> = [];
  const apiKey = options.apiKey;
  if (apiKey !== undefined && (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)))
    throw new TypeError(
      `${definition.title} mock: \`apiKey\` must be the key your client sends, without spaces or "Bearer ".\nExample: { apiKey: "test-key" }`,
    );

  const context = (name: string): OperationContext => ({
    name,
    operation: definition.operations[name] as OperationDefinition,
    definition,
  });
  const errorBody = (status: number, message: string) =>
    vendor.error ? vendor.error(status, message) : { error: message };

  /** The spec's answer for `status` (its example), else the vendor's error body. */
  function documented(name: string | undefined, status: number, message: string): Answer {
    const responses = name === undefined ? {} : (definition.operations[name]?.responses ?? {});
    const response =
      responses[String(status)] ??
      responses[`${String(status)[0]}XX`] ??
      (status >= 400 ? responses.default : undefined);
    if (response !== undefined && response.mediaType === undefined) return { status };
    return { status, body: response?.example !== undefined ? response.example : errorBody(status, message) };
  }

  function invalidAnswer(name: string, violations: readonly Violation[]): Answer {
    if (vendor.invalid) return vendor.invalid(violations, context(name));
    const statuses = Object.keys(definition.operations[name]?.responses ?? {});
    const status =
      ["422", "400"].find((candidate) => statuses.includes(candidate)) ??
      statuses.find((candidate) => /^4\d\d$/.test(candidate) && !/^40[13-5]$|^415$/.test(candidate)) ??
      "400";
    return documented(name, Number(status), violations.map((violation) => violation.message).join("; "));
  }

  function authFailure(name: string, failure: AuthFailure): { answer: Answer; violation: Violation } {
    const security = definition.security;
    const where =
      security?.kind === "query" ? `query parameter \`${security.name}\`` : `\`${security?.name}\` header`;
    const expected =
      security?.kind === "bearer"
        ? "`Authorization: Bearer <api key>`"
        : security?.kind === "basic"
          ? "`Authorization: Basic <base64 user:password>`"
          : `the ${where}`;
    const message =
      failure === "missing"
        ? `the ${where} is missing: send ${expected} (security scheme \`${security?.scheme}\`)`
        : failure === "malformed"
          ? `the ${where} is not ${expected} (security scheme \`${security?.scheme}\`)`
          : `the API key is not the one this mock was started with (its \`apiKey\` option)`;
    const statuses = Object.keys(definition.operations[name]?.responses ?? {});
    const status = statuses.includes("401") ? 401 : statuses.includes("403") ? 403 : 401;
    return {
      answer: documented(name, status, message),
      violation: {
        part: "auth",
        path: security?.kind === "query" ? [security.name] : [security?.name ?? "authorization"],
        message,
      },
    };
  }

  /** The credential of a request and how it failed, per the spec's security scheme. */
  function authenticate(request: MockHttpRequest, search: URLSearchParams) {
    const security = definition.security as NonNullable<MockDefinition["security"]>;
    const raw =
      security.kind === "query" ? (search.get(security.name) ?? undefined) : header(request, security.name);
    if (raw === undefined || raw.trim() === "") return { failure: "missing" as const, credential: undefined };
    let credential: string | undefined = raw.trim();
    if (security.kind === "bearer") credential = /^Bearer +(\S+)$/i.exec(credential)?.[1];
    else if (security.kind === "basic") {
      const encoded = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(credential)?.[1];
      try {
        credential = encoded === undefined ? undefined : atob(encoded);
      } catch {
        credential = undefined;
      }
      if (credential !== undefined && !credential.includes(":")) credential = undefined;
    }
    if (credential === undefined) return { failure: "malformed" as const, credential: raw.trim() };
    const matches =
      apiKey === undefined ||
      credential === apiKey ||
      (security.kind === "basic" && credential.endsWith(`:${apiKey}`));
    return { failure: matches ? undefined : ("wrong-key" as const), credential };
  }

  // ---- the store -------------------------------------------------------------------------------

  const collection = (name: string) => {
    let records = store.get(name);
    if (records === undefined) {
      records = new Map();
      store.set(name, records);
    }
    return records;
  };
  const idFieldOf = (name: string) => definition.collections[name]?.idField ?? "id";

  function add(name: string, fields: Record<string, unknown>, id?: string | number): StoredRecord {
    const records = collection(name);
    const idField = idFieldOf(name);
    let recordId = id ?? (fields[idField] as string | number | undefined);
    if (recordId === undefined) {
      const next = nextIds.get(name) ?? 1;
      recordId = definition.collections[name]?.idType === "string" ? String(next) : next;
    }
    const numeric = Number(recordId);
    if (Number.isSafeInteger(numeric)) nextIds.set(name, Math.max(nextIds.get(name) ?? 1, numeric + 1));
    const record = { ...fields, [idField]: recordId };
    records.set(String(recordId), record);
    return record;
  }

  function seed(): void {
    store.clear();
    nextIds.clear();
    for (const name of Object.keys(definition.collections)) collection(name);
    const given = options.seed as Record<string, ReadonlyArray<Record<string, unknown>>> | undefined;
    if (given !== undefined) {
      for (const [name, records] of Object.entries(given)) {
        if (!(name in definition.collections))
          throw new TypeError(
            `${definition.title} mock: \`seed.${name}\` is not a collection of this API; its collections are ${Object.keys(definition.collections).join(", ") || "(none)"}.`,
          );
        if (!Array.isArray(records))
          throw new TypeError(`${definition.title} mock: \`seed.${name}\` must be an array of records.`);
        for (const record of records) {
          if (!isObject(record))
            throw new TypeError(
              `${definition.title} mock: every record of \`seed.${name}\` must be an object.`,
            );
          add(name, { ...record });
        }
      }
      return;
    }
    for (const seedDefinition of definition.seeds) {
      const example =
        definition.operations[seedDefinition.operation]?.responses[seedDefinition.status]?.example;
      if (example === undefined) continue;
      const fields = vendor.resourceFromResponse
        ? vendor.resourceFromResponse(example, context(seedDefinition.operation))
        : isObject(example)
          ? example
          : undefined;
      if (fields !== undefined) add(seedDefinition.collection, { ...fields }, seedDefinition.id);
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  /** The documented example with the record's shared fields, as far as the schema allows them. */
  async function overlay(template: unknown, record: StoredRecord, validator: StandardValidator | undefined) {
    if (!isObject(template)) return template === undefined ? record : template;
    const result: Record<string, unknown> = { ...template };
    const keys = Object.keys(record).filter((key) => key in template);
    for (const key of keys) result[key] = record[key];
    for (let attempt = 0; attempt < 3; attempt++) {
      const bad = new Set((await runValidator(validator, result)).map((violation) => violation.path[0]));
      const reverted = keys.filter((key) => bad.has(key) && result[key] !== template[key]);
      if (reverted.length === 0) break;
      for (const key of reverted) result[key] = template[key];
    }
    return result;
  }

  async function render(
    name: string,
    records: StoredRecord | readonly StoredRecord[],
    request: ParsedRequest,
  ) {
    const operation = definition.operations[name] as OperationDefinition;
    const status = Number(operation.successStatus);
    if (vendor.render) return { status, body: vendor.render(records, context(name), request) };
    const response = operation.responses[operation.successStatus as string];
    if (response?.mediaType === undefined) return { status };
    const validator = responseValidator(validators[name], status);
    const example = response.example;
    if (Array.isArray(records)) {
      if (!Array.isArray(example)) return { status, body: example };
      const item = responseItemValidator(validator);
      return { status, body: await Promise.all(records.map((record) => overlay(example[0], record, item))) };
    }
    return { status, body: await overlay(example, records as StoredRecord, validator) };
  }

  /** For a list, each item is checked with the whole list's validator wrapped around it. */
  function responseItemValidator(validator: StandardValidator | undefined): StandardValidator | undefined {
    if (validator === undefined) return undefined;
    return {
      "~standard": {
        validate: (value: unknown) => {
          const result = validator["~standard"].validate([value]);
          const strip = (issues: readonly { message: string; path?: readonly unknown[] }[]) =>
            issues.map((issue) => ({ ...issue, path: (issue.path ?? []).slice(1) as PropertyKey[] }));
          return typeof (result as PromiseLike<unknown>).then === "function"
            ? (result as PromiseLike<{ issues?: readonly { message: string }[] }>).then((settled) =>
                settled.issues ? { issues: strip(settled.issues) } : { value },
              )
            : (result as { issues?: readonly { message: string }[] }).issues
              ? { issues: strip((result as { issues: readonly { message: string }[] }).issues) }
              : { value };
        },
      },
    } as StandardValidator;
  }

  // ---- processing ------------------------------------------------------------------------------

  async function process(name: string, request: ParsedRequest): Promise<Answer> {
    const operation = definition.operations[name] as OperationDefinition;
    const binding = operation.resource;
    // No documented success: nothing to say but that it worked.
    if (operation.successStatus === undefined) return { status: 204 };
    if (binding === undefined) return documented(name, Number(operation.successStatus), "ok");
    const records = collection(binding.collection);
    const idField = idFieldOf(binding.collection);
    const fields = () => {
      if (vendor.resourceFromRequest) return vendor.resourceFromRequest(request.body, context(name));
      return isObject(request.body) ? { ...request.body } : {};
    };
    if (binding.role === "create") {
      const record = add(binding.collection, { ...fields(), [idField]: undefined });
      const extra = vendor.onCreate?.(record, [...records.values()].slice(0, -1), context(name)) ?? {};
      const complete = { ...record, ...extra };
      records.set(String(complete[idField]), complete);
      return render(name, complete, request);
    }
    if (binding.role === "list") return render(name, [...records.values()], request);
    const id = String(request.params[binding.idParam ?? idField]);
    const existing = records.get(id);
    if (existing === undefined) {
      return documented(name, 404, `No ${binding.collection} has ${idField} ${JSON.stringify(id)}.`);
    }
    switch (binding.role) {
      case "read":
        return render(name, existing, request);
      case "update":
      case "replace": {
        const base = binding.role === "update" ? existing : {};
        const updated = { ...base, ...fields(), [idField]: existing[idField] };
        records.set(id, updated);
        return render(name, updated, request);
      }
      case "delete":
        records.delete(id);
        return documented(name, Number(operation.successStatus), "deleted");
    }
  }

  // ---- the request pipeline --------------------------------------------------------------------

  function respond(answer: Answer, extra: Record<string, string>): MockAnswer {
    const headers: Record<string, string> = { ...extra, ...answer.headers };
    let body = "";
    if (answer.body !== undefined) {
      body = JSON.stringify(answer.body);
      headers["content-type"] = "application/json; charset=utf-8";
    }
    return { kind: "respond", status: answer.status, headers, body };
  }

  async function handle(request: MockHttpRequest): Promise<MockAnswer> {
    requestCount += 1;
    const requestId = `mock-${requestCount}`;
    const url = new URL(request.url, "http://mock.invalid");
    const method = request.method.toUpperCase();
    const violations: Violation[] = [];
    let name: string | undefined;
    let body: unknown;
    // What the log must never show: the configured key, and whatever credential arrived.
    const secrets: string[] = apiKey === undefined ? [] : [apiKey];
    let fault: Fault | undefined;
    let answer: Answer | undefined;
    let responseViolations: Violation[] = [];
    const extraHeaders: Record<string, string> = { "x-request-id": requestId };

    const record = (status: number | undefined) => {
      const entry: RecordedRequest = mask(
        {
          id: requestId,
          operation: name,
          method,
          path: url.pathname,
          query: rawQuery(url.searchParams),
          headers: recordedHeaders(request),
          body,
          valid: violations.length === 0,
          violations,
          status,
          fault: fault === undefined ? undefined : faultName(fault),
          responseViolations,
        },
        secrets,
        request,
      );
      requests.push(entry);
      options.onRequest?.(entry);
    };

    if (request.body !== "") {
      try {
        body = JSON.parse(request.body);
      } catch {
        body = request.body;
      }
    }

    // Route: the base path, then the templates.
    const basePath = definition.basePath;
    const inBase = basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const subPath = inBase ? url.pathname.slice(basePath.length) : url.pathname;
    const matching = inBase ? routes.filter((route) => route.pattern.test(subPath)) : [];
    const route = matching.find((candidate) => candidate.operation.method === method);
    if (route === undefined) {
      if (matching.length === 0) {
        const message = inBase
          ? `No operation of the ${definition.title} spec has the path ${subPath}.`
          : `The ${definition.title} mock serves below ${basePath}; ${url.pathname} is outside it.`;
        violations.push({ part: "path", path: [], message });
        answer = { status: 404, body: errorBody(404, message) };
      } else {
        const allowed = [...new Set(matching.map((candidate) => candidate.operation.method))];
        const message = `${subPath} has no ${method} operation in the ${definition.title} spec; it has ${allowed.join(", ")}.`;
        violations.push({ part: "path", path: [], message });
        extraHeaders.allow = allowed.join(", ");
        answer = { status: 405, body: errorBody(405, message) };
      }
      extraHeaders[VIOLATIONS_HEADER] = violationsHeader(violations);
      record(answer.status);
      return respond(answer, extraHeaders);
    }
    name = route.name;
    const operation = route.operation;

    fault = faults.take(name);
    if (fault === "hang") {
      record(undefined);
      return { kind: "hang", released: new Promise<void>((resolve) => hung.push(resolve)) };
    }
    if (fault === "reset-before") {
      record(undefined);
      return { kind: "reset" };
    }
    if (typeof fault === "object" && "status" in fault) {
      const retryAfter: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      answer = documented(name, fault.status, `Injected fault: status ${fault.status}.`);
      record(fault.status);
      return respond(answer, { ...extraHeaders, ...retryAfter });
    }

    // Auth.
    if (definition.security !== undefined && operation.secured) {
      const auth = authenticate(request, url.searchParams);
      if (auth.credential !== undefined) secrets.push(auth.credential);
      if (auth.failure !== undefined) {
        const failed = authFailure(name, auth.failure);
        violations.push(failed.violation);
        answer = failed.answer;
      }
    }

    // Path, query, content type and body.
    const params: Record<string, unknown> = {};
    let query: Record<string, unknown> = {};
    let parsedBody: unknown;
    if (answer === undefined) {
      const values = route.pattern.exec(subPath) as RegExpExecArray;
      route.params.forEach((param, index) => {
        const definitionOf = operation.pathParams.find((candidate) => candidate.name === param);
        let raw = values[index + 1] as string;
        try {
          raw = decodeURIComponent(raw);
        } catch {
          violations.push({ part: "path", path: [param], message: `${param} is not valid percent-encoding` });
        }
        params[param] = definitionOf ? coerceParameter([raw], definitionOf) : raw;
      });
      query = coerceQuery(url.searchParams, operation.queryParams);
      const own = validators[name];
      if (operation.pathParams.length > 0) violations.push(...(await validate(own?.params, params, "path")));
      if (operation.queryParams.length > 0) violations.push(...(await validate(own?.query, query, "query")));
      if (operation.body !== undefined) {
        const contentType = header(request, "content-type");
        const json = JSON_MEDIA.test(operation.body.mediaType);
        if (request.body === "") {
          if (operation.body.required)
            violations.push({ part: "body", path: [], message: "body is required" });
        } else if (json && !JSON_MEDIA.test(contentType ?? "")) {
          violations.push({
            part: "header",
            path: ["content-type"],
            message: `Content-Type must be ${operation.body.mediaType}${contentType ? ` (it is ${contentType})` : " (it is missing)"}`,
          });
        } else if (json && typeof body === "string") {
          let reason = "it does not parse";
          try {
            JSON.parse(request.body);
          } catch (error) {
            reason = (error as Error).message;
          }
          violations.push({ part: "body", path: [], message: `body is not valid JSON: ${reason}` });
        } else {
          parsedBody = body;
          violations.push(...(await validate(own?.body, body, "body")));
        }
      }
      if (violations.length > 0) answer = invalidAnswer(name, violations);
    }

    const parsed: ParsedRequest = { params, query, body: parsedBody, headers: lowerHeaders(request) };
    if (answer === undefined && vendor.authorize)
      answer = vendor.authorize(parsed, { ...context(name), options: options as unknown as VendorOptions });

    if (answer === undefined) {
      const prefer = parsePrefer(header(request, "prefer"));
      if (prefer.code !== undefined && prefer.code !== operation.successStatus) {
        const response = operation.responses[prefer.code];
        if (response === undefined) {
          violations.push({
            part: "header",
            path: ["prefer"],
            message: `Prefer: code=${prefer.code} is not a status this operation documents (${Object.keys(operation.responses).join(", ")})`,
          });
          answer = invalidAnswer(name, violations);
        } else {
          const example =
            prefer.example !== undefined && response.examples?.[prefer.example] !== undefined
              ? response.examples[prefer.example]
              : response.example;
          answer =
            response.mediaType === undefined
              ? { status: Number(prefer.code) }
              : {
                  status: Number(prefer.code),
                  body: example ?? errorBody(Number(prefer.code), `Prefer: code=${prefer.code}`),
                };
        }
      }
    }

    if (answer === undefined) {
      const override = overrides[name] as
        | ((request: ParsedRequest) => Answer | undefined | Promise<Answer | undefined>)
        | undefined;
      if (override !== undefined) answer = await override(parsed);
    }
    if (answer === undefined) answer = await process(name, parsed);

    if (violations.length > 0) extraHeaders[VIOLATIONS_HEADER] = violationsHeader(violations);
    const validator = responseValidator(validators[name], answer.status);
    if (validator !== undefined && answer.body !== undefined)
      responseViolations = (await runValidator(validator, answer.body)).map((violation) => ({
        ...violation,
        message: `${answer?.status} ${violation.message}`,
      }));

    if (fault === "reset-after") {
      record(undefined);
      return { kind: "reset" };
    }
    if (typeof fault === "object" && "delayMs" in fault)
      await new Promise((r) => setTimeout(r, fault.delayMs));
    const response = respond(answer, extraHeaders);
    if (fault === "malformed-json" && response.kind === "respond") {
      record(answer.status);
      const text = response.body || "{}";
      return {
        ...response,
        headers: { ...response.headers, "content-type": "application/json; charset=utf-8" },
        body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
      };
    }
    record(answer.status);
    return response;
  }

  // ---- controls --------------------------------------------------------------------------------

  const storeView = {} as Record<string, readonly StoredRecord[]>;
  for (const name of Object.keys(definition.collections))
    Object.defineProperty(storeView, name, { enumerable: true, get: () => [...collection(name).values()] });

  seed();
  return {
    definition,
    handle,
    requests,
    store: storeView as MockEngine<Operations, Records>["store"],
    inject(injection: FaultInjection<keyof Operations & string>) {
      checkInjection(injection, operationNames);
      faults.add(injection);
    },
    override(added: Overrides<Operations>) {
      for (const key of Object.keys(added ?? {}))
        if (!operationNames.includes(key))
          throw new TypeError(
            `override: no operation \`${key}\`; the operations are ${operationNames.join(", ")} (client method names).`,
          );
      overrides = { ...overrides, ...(added as Record<string, unknown>) };
    },
    reset() {
      requests.length = 0;
      faults.clear();
      overrides = { ...constructorOverrides };
      seed();
      this.releaseHung();
    },
    releaseHung() {
      const waiting = hung;
      hung = [];
      for (const release of waiting) release();
    },
  };
}

/** The property a collection is shown as on the mock, unless it would shadow a control. */
export function collectionProperties(
  definition: MockDefinition,
): Array<[property: string, collection: string]> {
  return Object.entries(definition.collections)
    .filter(([, collection]) => !RESERVED.has(collection.property))
    .map(([name, collection]) => [collection.property, name]);
}

function lowerHeaders(request: MockHttpRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : (value as string);
  }
  return headers;
}

const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "x-api-key"]);

function recordedHeaders(request: MockHttpRequest): Record<string, string> {
  const headers = lowerHeaders(request);
  for (const name of Object.keys(headers)) {
    if (!CREDENTIAL_HEADERS.has(name)) continue;
    const scheme = /^(Bearer|Basic|Token) /i.exec(headers[name] as string)?.[1];
    headers[name] = scheme === undefined ? "[REDACTED]" : `${scheme} [REDACTED]`;
  }
  return headers;
}

/**
 * The entry with every occurrence of the secrets replaced, wherever a client put them (a body,
 * a query, a header of its own). Secrets shorter than 4 characters are left: masking `a`
 * everywhere would garble the log and protect nothing. The raw request is searched first, so
 * the usual request (the key in its header only, already masked) costs no walk of the body.
 */
function mask(entry: RecordedRequest, secrets: readonly string[], request: MockHttpRequest): RecordedRequest {
  const forms = secrets
    .filter((secret) => secret.length >= 4)
    .flatMap((secret) => [secret, encodeURIComponent(secret)]);
  const appears = (text: string) => forms.some((form) => text.includes(form));
  const inHeaders = Object.entries(entry.headers).some(
    ([name, value]) => !CREDENTIAL_HEADERS.has(name) && appears(value),
  );
  if (forms.length === 0 || !(appears(request.body) || appears(request.url) || inHeaders)) return entry;
  const scrub = (value: unknown): unknown => {
    if (typeof value === "string")
      return appears(value)
        ? forms.reduce((text, form) => text.split(form).join("[REDACTED]"), value)
        : value;
    if (Array.isArray(value)) return value.map(scrub);
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item)]));
    return value;
  };
  return {
    ...entry,
    query: scrub(entry.query),
    headers: scrub(entry.headers),
    body: scrub(entry.body),
  } as RecordedRequest;
}
