// What a mock knows about its API: the table @leadkit/codegen generates from the spec into each
// mock package (`src/generated/mock.gen.ts`), and the validators the types package compiles from
// the same spec (`@leadkit/<api>-types/validate`). Nothing here knows any API by name.

/** The JSON type a raw path or query string is coerced to before validation (`depth=2` -> 2). */
export type ScalarType = "string" | "number" | "integer" | "boolean";

export interface ParameterDefinition {
  readonly name: string;
  /** How the raw string is read: a scalar, or an array of scalars (repeated keys or `a,b`). */
  readonly type: ScalarType | "array";
  /** The item type of an array parameter. */
  readonly items?: ScalarType;
  readonly required: boolean;
}

export interface ResponseDefinition {
  /** The media type of the body (`application/json`); absent when the response has no body. */
  readonly mediaType?: string;
  /** The documented example, when the spec gives one (the first of `examples`). */
  readonly example?: unknown;
  /**
   * The example is not the spec's: it gives none, so the codegen wrote the smallest body the
   * schema allows (required properties only, the first enum value, a format's canonical form).
   */
  readonly synthesized?: boolean;
  /** Every named example (`examples`), for `Prefer: example=<name>`. */
  readonly examples?: Readonly<Record<string, unknown>>;
}

/**
 * What an operation does to the mock's state, read from its method and path: POST to a
 * collection creates, GET/PATCH/PUT/DELETE on `<collection>/{id}` read, merge, replace and
 * delete, GET on a collection lists. Anything else answers with its documented example.
 */
export type ResourceRole = "create" | "read" | "update" | "replace" | "delete" | "list";

export interface ResourceBinding {
  /** The collection's name: the last literal segment of the path (`/api/v1/leads` -> `leads`). */
  readonly collection: string;
  readonly role: ResourceRole;
  /** The path parameter holding the resource's id (read, update, replace, delete). */
  readonly idParam?: string;
}

export interface OperationDefinition {
  readonly operationId: string;
  /** Upper case, e.g. `PATCH`. */
  readonly method: string;
  /** The path template below the server's base path, e.g. `/leads/{id}`. */
  readonly path: string;
  readonly pathParams: readonly ParameterDefinition[];
  readonly queryParams: readonly ParameterDefinition[];
  /** The request body, when the operation takes one. */
  readonly body?: { readonly mediaType: string; readonly required: boolean };
  /** Whether the spec's security requirement applies to this operation. */
  readonly secured: boolean;
  /** The first documented 2xx status, answered when the request is processed. */
  readonly successStatus?: string;
  /** Every documented status, as the spec writes it (`201`, `4XX`, `default`). */
  readonly responses: Readonly<Record<string, ResponseDefinition>>;
  /** The spec's request body examples. */
  readonly requestExamples: ReadonlyArray<{ readonly name: string; readonly value: unknown }>;
  /** The spec's example of each path and query parameter that has one. */
  readonly parameterExamples: Readonly<Record<string, unknown>>;
  readonly resource?: ResourceBinding;
}

/**
 * How a caller proves who it is, from the spec's security scheme: a bearer token in
 * `Authorization`, HTTP basic, or a key in a named header or query parameter. An `apiKey`
 * scheme whose header is `Authorization` carries `Bearer <key>`, as leadkit's clients send it.
 */
export interface SecurityDefinition {
  readonly kind: "bearer" | "basic" | "header" | "query";
  /** Lower-case header name, or the query parameter's name. */
  readonly name: string;
  /** The scheme's name in the spec, for messages. */
  readonly scheme: string;
}

/** A record the mock holds before any request: the spec's example of an operation on it. */
export interface SeedDefinition {
  readonly collection: string;
  readonly id: string | number;
  /** The operation (method name) and status whose documented example holds the resource. */
  readonly operation: string;
  readonly status: string;
}

export interface CollectionDefinition {
  /** The property the mock shows it as (`mock.leads`): the name as an identifier. */
  readonly property: string;
  /** The field a record's id is kept in (the id path parameter's name, else `id`). */
  readonly idField: string;
  /** Whether new ids are numbers (`1`, `2`, ...) or the same digits as strings. */
  readonly idType: "integer" | "string";
}

export interface MockDefinition {
  /** The API's name in redocly.yaml, e.g. `dealer-studio`. */
  readonly api: string;
  /** `info.title` of the spec. */
  readonly title: string;
  readonly specVersion: string;
  /** The spec's first server URL: what the MSW handlers intercept by default. */
  readonly defaultBaseUrl: string;
  /** That server's path (`/api`), which the mock server serves below, so `url` includes it. */
  readonly basePath: string;
  /** Absent when the spec has no security scheme the mock can check (or none at all). */
  readonly security?: SecurityDefinition;
  /** Every operation, keyed by the client's method name. */
  readonly operations: Readonly<Record<string, OperationDefinition>>;
  readonly collections: Readonly<Record<string, CollectionDefinition>>;
  readonly seeds: readonly SeedDefinition[];
}

/** One problem with a value, as Standard Schema validators report it. */
export interface Issue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The Standard Schema v1 interface, structurally: any compliant validator fits. */
export interface StandardValidator {
  readonly "~standard": {
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: unknown; readonly issues?: undefined }
      | { readonly issues: readonly Issue[] }
      | PromiseLike<
          { readonly value: unknown; readonly issues?: undefined } | { readonly issues: readonly Issue[] }
        >;
  };
}

/**
 * The validators of one operation, as `@leadkit/<api>-types/validate` exports them in its
 * `validators` table. A part the spec gives no schema has none.
 */
export interface OperationValidators {
  readonly params?: StandardValidator;
  readonly query?: StandardValidator;
  readonly body?: StandardValidator;
  readonly responses: Readonly<Record<string, StandardValidator>>;
}

export type ValidatorTable = Readonly<Record<string, OperationValidators>>;
