// The types a mock exposes, derived from openapi-typescript's `operations` of its spec: an
// override can only answer a status the operation documents, with that status's body type, so
// a body the spec does not allow fails to compile.
import type { FaultInjection } from "./faults.js";
import type { Violation } from "./validation.js";

type ResponsesOf<Operation> = Operation extends { responses: infer R } ? R : never;
type JsonOf<Response> = Response extends { content: { "application/json": infer Body } }
  ? Body
  : Response extends { content: Record<string, infer Body> }
    ? Body
    : undefined;
type StatusOf<Key> = Key extends number ? Key : Key extends `${infer N extends number}` ? N : number;

/** One documented answer of an operation: the status and its body, as the spec types them. */
export type OverrideAnswer<Operation> = {
  [S in keyof ResponsesOf<Operation>]: undefined extends JsonOf<ResponsesOf<Operation>[S]>
    ? {
        readonly status: StatusOf<S>;
        readonly body?: JsonOf<ResponsesOf<Operation>[S]>;
        readonly headers?: Readonly<Record<string, string>>;
      }
    : {
        readonly status: StatusOf<S>;
        readonly body: JsonOf<ResponsesOf<Operation>[S]>;
        readonly headers?: Readonly<Record<string, string>>;
      };
}[keyof ResponsesOf<Operation>];

/** What an override receives: the request after validation, coerced as the spec types it. */
export interface OverrideRequest<Operation> {
  readonly params: Operation extends { parameters: { path: infer P } } ? P : Record<string, never>;
  readonly query: Operation extends { parameters: { query?: infer Q } }
    ? NonNullable<Q>
    : Record<string, never>;
  readonly body: Operation extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : undefined;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Answers an operation instead of the mock's own processing (nothing is stored), after the
 * request passed validation and auth; `undefined` lets the mock answer as usual.
 */
export type Override<Operation> = (
  request: OverrideRequest<Operation>,
) => OverrideAnswer<Operation> | undefined | Promise<OverrideAnswer<Operation> | undefined>;

/** Overrides keyed by operation (client method name). */
export type Overrides<Operations> = { readonly [K in keyof Operations]?: Override<Operations[K]> };

/** One request the mock received, as it arrived, with the credential masked. */
export interface RecordedRequest {
  /** The `X-Request-Id` the mock answered with (`mock-1`, `mock-2`, ...). */
  readonly id: string;
  /** The operation (client method name); undefined when no operation has this method and path. */
  readonly operation: string | undefined;
  readonly method: string;
  /** The path as requested, base path included. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  /** Lower-case names; the credential is `[REDACTED]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; the text when it is not JSON; undefined when there is none. */
  readonly body: unknown;
  /** True when the request is what the spec allows (auth, path, query, content type, body). */
  readonly valid: boolean;
  readonly violations: readonly Violation[];
  /** The status answered; undefined when no answer was sent (`hang`, `reset-*`). */
  readonly status: number | undefined;
  /** The injected fault that applied, by name (`reset-after`, `status 503`). */
  readonly fault: string | undefined;
  /**
   * Where the mock's own answer departs from the spec's response schema. Always empty for the
   * mock's answers (its tests check that); an override or a seed can break it, and this says so.
   */
  readonly responseViolations: readonly Violation[];
}

/** What `reset()` and friends act on, whichever transport serves the mock. */
export interface MockControls<Operations, Records> {
  /** Every request so far, oldest first (cleared by `reset()`). */
  readonly requests: readonly RecordedRequest[];
  /** The stored resources of each collection, oldest first. */
  readonly store: { readonly [C in keyof Records]: readonly Records[C][] };
  /** Applies a fault to the next request(s) of an operation, or of any. */
  inject(injection: FaultInjection<keyof Operations & string>): void;
  /** Answers operations from a test's own functions, typed by the spec, until `reset()`. */
  override(overrides: Overrides<Operations>): void;
  /** Back to the start: seeds only, no requests, no faults, no overrides added since. */
  reset(): void;
}

/** The collections as properties of the mock (`mock.leads`). */
export type CollectionViews<Records> = { readonly [C in keyof Records]: readonly Records[C][] };

/** A mock served over HTTP on 127.0.0.1. */
export type MockServer<Operations, Records> = MockControls<Operations, Records> &
  CollectionViews<Records> & {
    /** Origin plus the spec's base path: give it to the client as `baseUrl`. */
    readonly url: string;
    readonly port: number;
    /** Stops the server and every open connection, hung ones included. */
    close(): Promise<void>;
  };
