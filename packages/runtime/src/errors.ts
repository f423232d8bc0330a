// The errors every leadkit client throws. Each names the call (method, URL) and how many attempts
// were made; none carries the request (and so the Authorization header) or the API key: the
// client redacts the key from anything a server sent back before it reaches an error.
// The name is a prototype getter, not a field: the stack's first line is written during
// `super()`, before fields exist, and minifiers rename classes (no `constructor.name`).

import type { RequestIssue, ValidationIssue } from "./types.js";

/** The fields shared by every leadkit error. */
export interface LeadkitErrorDetails {
  readonly method: string;
  readonly url: string;
  /** How many times the request was sent (1 when it was not retried). */
  readonly attempts: number;
  readonly cause?: unknown;
}

/** Base class of every error a leadkit client throws for a call. */
export class LeadkitError extends Error {
  declare readonly method: string;
  declare readonly url: string;
  declare readonly attempts: number;

  /** `problem` completes the message, after the method and URL. */
  constructor(problem: string, { cause, ...fields }: LeadkitErrorDetails) {
    // Fields are copied from the details, not declared one by one: the runtime is size-budgeted.
    super(`${fields.method} ${fields.url} ${problem}`, cause === undefined ? cause : { cause });
    Object.assign(this, fields);
  }

  override get name(): string {
    return "LeadkitError";
  }

  /** What loggers print: the name, the message and the fields, never the request. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

export interface ApiErrorDetails extends LeadkitErrorDetails {
  readonly status: number;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  readonly body: unknown;
  /** The body as text when it was not JSON (an HTML error page, say), cut to 2,000 characters. */
  readonly rawBody?: string | undefined;
  readonly requestId?: string | undefined;
  readonly retryAfterMs?: number | undefined;
}

/**
 * The server answered with an error status (4xx, 5xx). `Bodies` maps each status the spec
 * documents to its body type; `hasStatus(422)` narrows `body` to it.
 */
export class ApiError<Bodies = Record<number, unknown>> extends LeadkitError {
  declare readonly status: number;
  /** The parsed JSON body as the server sent it (`hasStatus()` gives it its spec type). */
  declare readonly body: unknown;
  /** The body as text when it was not JSON (an HTML error page, say), cut to 2,000 characters. */
  declare readonly rawBody: string | undefined;
  /** The server's request id header (`X-Request-Id` or similar), to quote to the vendor. */
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait (`Retry-After`), when it said so. */
  declare readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails) {
    // The body, whatever its format, says best what went wrong (`{"phone":["is invalid"]}`).
    const body = details.body === undefined ? "" : `: ${JSON.stringify(details.body).slice(0, 300)}`;
    super(`failed with status ${details.status}${body}`, details);
  }

  override get name(): string {
    return "ApiError";
  }

  /** True when the status is `status` and the body was JSON: `body` then has the spec's type. */
  hasStatus<S extends keyof Bodies & number>(
    status: S,
  ): this is this & { readonly status: S; readonly body: Bodies[S] } {
    return this.status === status && this.body !== undefined;
  }
}

export interface ConnectionErrorDetails extends LeadkitErrorDetails {
  readonly code: string | undefined;
  readonly mayHaveReachedServer: boolean;
}

/** The request failed before a response arrived: refused, reset, DNS, TLS. */
export class ConnectionError extends LeadkitError {
  /** The system error code when the platform gives one (`ECONNREFUSED`, `ECONNRESET`). */
  declare readonly code: string | undefined;
  /**
   * False only when the request provably never reached the server (the connection was refused
   * or never opened), so even a call that creates something may be sent again.
   */
  declare readonly mayHaveReachedServer: boolean;

  constructor(details: ConnectionErrorDetails) {
    super(`failed: no response (${details.code ?? "network error"})`, details);
  }

  override get name(): string {
    return "ConnectionError";
  }
}

/** No complete response arrived within `timeoutMs` (per attempt). */
export class TimeoutError extends LeadkitError {
  declare readonly timeoutMs: number;

  constructor(details: LeadkitErrorDetails & { readonly timeoutMs: number }) {
    super(`timed out after ${details.timeoutMs} ms`, details);
  }

  override get name(): string {
    return "TimeoutError";
  }
}

export interface InvalidResponseErrorDetails extends LeadkitErrorDetails {
  readonly status: number;
  readonly rawBody?: string | undefined;
  readonly requestId?: string | undefined;
  readonly issues?: readonly ValidationIssue[] | undefined;
}

/**
 * A success status whose body is not what the spec promises: empty, not JSON, or (with
 * `validate: "response"`) JSON the spec does not allow, then with its `issues`.
 */
export class InvalidResponseError extends LeadkitError {
  declare readonly status: number;
  declare readonly rawBody: string | undefined;
  declare readonly requestId: string | undefined;
  /** What does not match the spec, when the body is JSON (`validate: "response"`). */
  declare readonly issues: readonly ValidationIssue[] | undefined;

  constructor(
    details: InvalidResponseErrorDetails,
    problem = `answered ${details.status} without a JSON body`,
  ) {
    super(problem, details);
  }

  override get name(): string {
    return "InvalidResponseError";
  }
}

/**
 * The request does not match the spec (`validate: "request"` or `"both"`): it was not sent.
 * `issues` says what is wrong, and in which part (`in`: path, query or body); `url` is the
 * operation's path template, as no URL was built, and `attempts` is 0.
 */
export class RequestValidationError extends LeadkitError {
  declare readonly issues: readonly RequestIssue[];

  override get name(): string {
    return "RequestValidationError";
  }
}
