// Types shared by the runtime and the generated `client.gen.ts` of each API package. The
// helpers read openapi-typescript's `operations` interface, so every type a client exposes is
// derived from its spec.
import type { validation } from "./validation.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** What the runtime needs to know of one operation; generated from the spec. */
export interface OperationDefinition {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path template, e.g. `/leads/{id}`. */
  readonly path: string;
  /** Path parameter names in the order the convenience method takes them. */
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  /** Whether a success response carries a JSON body (the convenience method returns it). */
  readonly returnsData: boolean;
  /**
   * Whether sending the request twice may create two resources (POST, or an operation that can
   * answer 201). Such an operation is retried only when the first attempt provably was not
   * processed.
   */
  readonly mayCreate: boolean;
  /**
   * The media types the request body may be sent as, the default (preferred) first, each with
   * its serialiser (`undefined`: openapi-fetch's JSON default); absent for a body that is
   * `application/json` only. The caller picks another type with `contentType`.
   */
  readonly bodies?: Readonly<Record<string, BodySerializer | undefined>>;
  /** How a non-JSON success body is read: `text` (text, XML) or `blob` (binary). Absent: JSON. */
  readonly parseAs?: "text" | "blob";
  /** The media type asked for (`Accept`) when the success response offers several. */
  readonly accept?: string;
}

/** Turns a request body into what `fetch` sends (openapi-fetch's `bodySerializer`). */
export type BodySerializer = (body: never) => unknown;

/** A binary request body: anything `fetch` sends as bytes. */
export type BinaryBody = Blob | ArrayBuffer | ArrayBufferView | string;

/** One problem a validator found: `message` names the field (`lead.category must be one of …`). */
export interface ValidationIssue {
  readonly message: string;
  /** Where the problem is, e.g. `["lead", "category"]` (array items are numbers). */
  readonly path: ReadonlyArray<string | number>;
}

/** A problem with a request, and which part of it has the problem. */
export interface RequestIssue extends ValidationIssue {
  readonly in: "path" | "query" | "body";
}

/** What the client checks against the spec: the request before sending, the 2xx body after. */
export type ValidateOption = "request" | "response" | "both" | false;

/**
 * Called instead of throwing when a 2xx body does not match the spec: log the vendor's drift,
 * and the call resolves with the data as it came.
 */
export type InvalidResponseHook = (issues: readonly ValidationIssue[], response: Response) => void;

/** Validation options, on the client and on each call (a call's own value wins). */
export interface ValidationOptions {
  /**
   * Check the request against the spec before anything is sent (`"request"`, a
   * `RequestValidationError` when it does not match), the 2xx body after (`"response"`, an
   * `InvalidResponseError`), or both. Default `false`. Applies to the convenience methods; the
   * validators load on first use, so a client that never validates does not download them.
   */
  readonly validate?: ValidateOption;
  /** With `"response"`/`"both"`: receives the issues of a 2xx body instead of an error being thrown. */
  readonly onInvalidResponse?: InvalidResponseHook;
}

/** Per-call options of every request, path-based or convenience. */
export interface RequestOptions extends ValidationOptions {
  /** Overrides the client's `timeoutMs` for this call (per attempt; 0 disables). */
  readonly timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  readonly maxRetries?: number;
  /** Cancels the call (and any retry wait); the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Extra headers for this call; `null` removes a default header. */
  readonly headers?: Record<string, string | null>;
}

/** The request of one convenience call, in openapi-fetch's shape. */
export interface OperationInit {
  readonly params?: {
    readonly path?: Record<string, unknown>;
    readonly query?: object;
    readonly header?: Record<string, string | null | undefined>;
  };
  readonly body?: unknown;
  /** Set by `withMedia` for a body that is not (only) JSON. */
  readonly bodySerializer?: BodySerializer | undefined;
  /** Set by `withMedia` for a success body that is not JSON. */
  readonly parseAs?: "text" | "blob" | undefined;
}

/** Calls an operation and resolves with its success data; rejects with the API's error class. */
export type OperationCaller = <Data>(
  operation: OperationDefinition,
  init: OperationInit,
  options?: RequestOptions,
) => Promise<Data>;

/** The generated half of an API client (`src/generated/client.gen.ts`). */
export interface ApiDefinition<Operations> {
  /** The client package's npm name and version as a product token (`leadkit-drivly/1.2.0`), sent as `User-Agent`. */
  readonly userAgent: string;
  /** The spec's first server. */
  readonly defaultBaseUrl: string;
  readonly operations: Readonly<Record<string, OperationDefinition>>;
  readonly bindOperations: (call: OperationCaller) => Operations;
  /**
   * Loads what the `validate` option needs, in one chunk on first use: the runtime's checks
   * (`@leadkit/runtime/validation`) and the API's validators (`@leadkit/<api>-types/validate`).
   */
  readonly loadValidation: () => Promise<{
    readonly validation: typeof validation;
    readonly validators: ValidatorTable;
  }>;
}

/** A Standard Schema validator, as the client uses one (synchronous). */
export interface ValidatorLike {
  readonly "~standard": {
    readonly validate: (value: unknown) => { readonly issues?: readonly ValidationIssue[] | undefined };
  };
}

/** The validators of each operation, as `@leadkit/<api>-types/validate` exports them. */
export type ValidatorTable = Readonly<
  Record<
    string,
    {
      readonly params?: ValidatorLike;
      readonly query?: ValidatorLike;
      readonly body?: ValidatorLike;
      readonly bodyRequired?: boolean;
      readonly responses: Readonly<Record<string, ValidatorLike>>;
    }
  >
>;

type ResponsesOf<Operation> = Operation extends { responses: infer R } ? R : never;
/** JSON media types as openapi-typescript keys them: `application/json`, `application/problem+json`. */
type JsonMedia = `${string}/json` | `${string}+json`;
type ContentOf<Response, Media> = Response extends { content: infer C }
  ? [Extract<keyof C, Media>] extends [never]
    ? undefined
    : C[Extract<keyof C, Media>]
  : undefined;
type IsSuccess<S> = `${S & (string | number)}` extends `2${string}` ? true : false;
type ErrorStatusOf<Responses> = {
  [S in keyof Responses]: S extends number ? (IsSuccess<S> extends true ? never : S) : never;
}[keyof Responses];

/** The request body of an operation in one of its media types (JSON by default). */
export type RequestBodyOf<Operation, Media extends string = "application/json"> = Operation extends {
  requestBody?: { content: infer Content };
}
  ? Media extends keyof Content
    ? Content[Media]
    : never
  : never;

/**
 * The body of an operation's 2xx responses (`200`, `201`, a `2XX` range) in one media type
 * (JSON by default); `undefined` for a 2xx without one.
 */
export type SuccessDataOf<Operation, Media extends string = "application/json"> = {
  [S in keyof ResponsesOf<Operation>]: IsSuccess<S> extends true
    ? ContentOf<ResponsesOf<Operation>[S], Media>
    : never;
}[keyof ResponsesOf<Operation>];

/** The body of one documented response (`default` included) in one media type (JSON by default). */
export type ResponseBodyOf<
  Operation,
  Status extends keyof ResponsesOf<Operation>,
  Media extends string = "application/json",
> = ContentOf<ResponsesOf<Operation>[Status], Media>;

export type PathParamsOf<Operation> = Operation extends { parameters: { path: infer P } } ? P : never;
export type QueryOf<Operation> = Operation extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

/**
 * Every documented error status of a set of operations mapped to its JSON body (any JSON media
 * type, `application/problem+json` included), e.g. `{ 401: Unauthorized; 422: ValidationErrors }`.
 * Statuses shared by several operations get the union of their bodies.
 */
export type ErrorBodiesOf<Operations> = {
  [S in { [K in keyof Operations]: ErrorStatusOf<ResponsesOf<Operations[K]>> }[keyof Operations]]: {
    [K in keyof Operations]: S extends keyof ResponsesOf<Operations[K]>
      ? ContentOf<ResponsesOf<Operations[K]>[S], JsonMedia>
      : never;
  }[keyof Operations];
};
