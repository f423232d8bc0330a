// When a failed attempt is sent again, and after how long. The rule that matters most: a call
// that may create something (a lead) is repeated only when the first attempt provably was not
// processed, so a retry can never create a duplicate.

import { ConnectionError, TimeoutError } from "./errors.js";

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries: number;
  /** First backoff delay; each retry doubles it. */
  readonly retryDelayMs: number;
  /** Cap of the backoff, and the longest `Retry-After` that is waited for (longer: give up). */
  readonly maxRetryDelayMs: number;
}

/** What one attempt ended with: a response, or the error that replaced it. */
export type Outcome = { readonly response: Response } | { readonly error: unknown };

/**
 * System error codes meaning the connection was never established, so nothing was sent:
 * refused, unroutable, DNS failure, connect timeout (undici's code included).
 */
const NOT_SENT = /^(E(CONNREFUSED|NOTFOUND|AI_AGAIN|NETUNREACH|HOSTUNREACH)|UND_ERR_CONNECT_TIMEOUT)$/;

/**
 * The system error code of a failed fetch: undici rejects with `TypeError("fetch failed")`
 * whose `cause` has the code (an AggregateError when several addresses were tried has it too).
 * Browsers give no code, so a browser failure never counts as provably not sent.
 */
export function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = cause?.code ?? code;
  return typeof found === "string" ? found : undefined;
}

export function provablyNotSent(code: string | undefined): boolean {
  return NOT_SENT.test(code ?? "");
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP-date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  if (seconds >= 0) return seconds * 1000;
  // An HTTP-date names its day and month; anything else (say "-5") is not one.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return date >= 0 ? Math.max(0, date - now) : undefined;
}

/** Exponential backoff with "equal jitter": between half and all of `delay · 2^retry`, capped. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const delay = Math.min(policy.maxRetryDelayMs, policy.retryDelayMs * 2 ** retry);
  return delay / 2 + (random() * delay) / 2;
}

/**
 * The delay before retry number `retry` (0-based), or undefined when the outcome must not be
 * retried. `mayCreate` marks non-idempotent operations (POST, or any operation that can answer
 * 201): they are retried only on a refused connection, a 429, or a 503 with `Retry-After`.
 * Idempotent ones are retried on any connection error, timeout, 408, 429 and 5xx.
 */
export function retryDelay(
  outcome: Outcome,
  mayCreate: boolean,
  retry: number,
  policy: RetryPolicy,
  now: number = Date.now(),
): number | undefined {
  if (retry >= policy.maxRetries) return undefined;
  let retryAfter: number | undefined;
  if ("response" in outcome) {
    const { status, headers } = outcome.response;
    if (status !== 408 && status !== 429 && status < 500) return undefined;
    retryAfter = parseRetryAfter(headers.get("retry-after"), now);
    const notProcessed = status === 429 || (status === 503 && retryAfter !== undefined);
    if (mayCreate && !notProcessed) return undefined;
  } else if (outcome.error instanceof ConnectionError) {
    if (mayCreate && outcome.error.mayHaveReachedServer) return undefined;
  } else if (!(outcome.error instanceof TimeoutError) || mayCreate) {
    return undefined;
  }
  if (retryAfter === undefined) return backoffDelay(retry, policy);
  return retryAfter <= policy.maxRetryDelayMs ? retryAfter : undefined;
}
