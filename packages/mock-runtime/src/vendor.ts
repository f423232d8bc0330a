// What a spec cannot say about an API, and so what each mock package's one hand-written file
// (`src/vendor.ts`) may tell the runtime: how the vendor words a validation error, how a stored
// resource is rendered, who may act on what. Every hook is optional; without it the mock follows
// the spec alone, which is what an API added by `pnpm new-api` gets.
import type { MockDefinition, OperationDefinition } from "./definition.js";
import type { Violation } from "./validation.js";

/** A stored resource: its fields, its id among them (under the collection's `idField`). */
export type StoredRecord = Readonly<Record<string, unknown>>;

/** An answer a hook chooses: a status and its JSON body (none when `body` is undefined). */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The operation a hook is called for. */
export interface OperationContext {
  /** The client method name, e.g. `createLead`. */
  readonly name: string;
  readonly operation: OperationDefinition;
  readonly definition: MockDefinition;
}

/** The validated request, as the operation's schemas describe it. */
export interface ParsedRequest {
  readonly params: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  /** Lower-case header names; the credential is not masked here. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Why a request was not authenticated. */
export type AuthFailure = "missing" | "malformed" | "wrong-key";

/** A command-line flag a vendor adds to its mock's CLI (`--dealership 42`). */
export interface VendorFlag {
  readonly description: string;
  /** `--flag value` given several times collects every value. */
  readonly multiple?: boolean;
}

export interface VendorBehaviour<Options = object> {
  /**
   * The answer to a request that breaks the spec (body, path, query, content type). Default: the
   * status the operation documents for it (422, else 400, else its first other 4xx) with the
   * spec's example; the violations are listed in the `leadkit-violations` header either way.
   */
  readonly invalid?: (violations: readonly Violation[], context: OperationContext) => Answer;
  /**
   * The body of an error the spec gives no example for: an unknown path, a method the path does
   * not have, an injected `{ status: 503 }`, a failed `Prefer`. Default: `{ error: message }`.
   */
  readonly error?: (status: number, message: string) => unknown;
  /**
   * Checks beyond the key (Dealer Studio: the dealership the key may act for). Called for valid
   * requests; an answer refuses the request, undefined lets it through.
   */
  readonly authorize?: (
    request: ParsedRequest,
    context: OperationContext & { readonly options: Options },
  ) => Answer | undefined;
  /** The fields a create stores, from its request body. Default: the body itself. */
  readonly resourceFromRequest?: (body: unknown, context: OperationContext) => Record<string, unknown>;
  /** The resource a documented response example holds (what seeds store). Default: the example. */
  readonly resourceFromResponse?: (body: unknown, context: OperationContext) => Record<string, unknown>;
  /** Fields the server adds to a new resource besides its id (Dealer Studio's `lead_cluster_id`). */
  readonly onCreate?: (
    record: StoredRecord,
    existing: readonly StoredRecord[],
    context: OperationContext,
  ) => Record<string, unknown>;
  /**
   * The success body of an operation on a stored resource (`records` for a list). Default: the
   * documented success example with every field the resource shares with it replaced by the
   * resource's, as long as the result still matches the response schema.
   */
  readonly render?: (
    record: StoredRecord | readonly StoredRecord[],
    context: OperationContext,
    request: ParsedRequest,
  ) => unknown;
  /** Flags the CLI accepts for this vendor's options, and how they become options. */
  readonly cli?: {
    readonly flags: Readonly<Record<string, VendorFlag>>;
    readonly toOptions: (values: Readonly<Record<string, string | string[] | undefined>>) => Options;
  };
}

/** Identity for a vendor file: gives it its type, checks nothing (the compiler does). */
export function defineVendor<Options = object>(vendor: VendorBehaviour<Options>): VendorBehaviour<Options> {
  return vendor;
}
