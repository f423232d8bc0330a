// Faults on demand: the outages an integration must survive, as data a test injects for the
// next N requests of one operation or of any. The names say when the failure strikes, relative
// to the request being processed (WireMock's names in brackets):
//
//   hang            never answers; the connection stays open until the client gives up
//                   (a fixed delay longer than any timeout)
//   reset-before    the connection is reset before the request is processed: nothing is stored
//                   (CONNECTION_RESET_BY_PEER)
//   reset-after     the request is processed (a lead is stored), then the connection is reset
//                   instead of the answer: the case that tempts a client to retry into a duplicate
//   malformed-json  processed, then the success status with a JSON body cut short
//                   (MALFORMED_RESPONSE_CHUNK)
//   { status }      answered with that status before processing (429/503 with `retryAfter`
//                   seconds as `Retry-After`, 500, ...): nothing is stored
//   { delayMs }     processed and answered normally, after a delay (fixed delay)

export type Fault =
  | "hang"
  | "reset-before"
  | "reset-after"
  | "malformed-json"
  | { readonly status: number; readonly retryAfter?: number | string }
  | { readonly delayMs: number };

export interface FaultInjection<Operation extends string = string> {
  readonly fault: Fault;
  /** How many requests it applies to (default 1; `Infinity` for every one until `reset()`). */
  readonly times?: number;
  /** The operation (client method name) whose requests it applies to; any operation when absent. */
  readonly operation?: Operation;
}

interface Pending {
  readonly fault: Fault;
  remaining: number;
  readonly operation: string | undefined;
}

/** The name a fault is logged under: `reset-after`, `status 429`, `delay 200 ms`. */
export function faultName(fault: Fault): string {
  if (typeof fault === "string") return fault;
  if ("status" in fault) return `status ${fault.status}`;
  return `delay ${fault.delayMs} ms`;
}

const NAMED = new Set(["hang", "reset-before", "reset-after", "malformed-json"]);

/** Throws a TypeError that says what a valid injection looks like. */
export function checkInjection(injection: FaultInjection, operations: readonly string[]): void {
  const example =
    'Example: mock.inject({ fault: "reset-after", times: 1, operation: "createLead" }), or { fault: { status: 503, retryAfter: 1 } }';
  const fault = injection?.fault as unknown;
  const valid =
    (typeof fault === "string" && NAMED.has(fault)) ||
    (typeof fault === "object" &&
      fault !== null &&
      (("status" in fault &&
        Number.isInteger((fault as { status: unknown }).status) &&
        (fault as { status: number }).status >= 100 &&
        (fault as { status: number }).status <= 599) ||
        ("delayMs" in fault &&
          typeof (fault as { delayMs: unknown }).delayMs === "number" &&
          (fault as { delayMs: number }).delayMs >= 0)));
  if (!valid)
    throw new TypeError(
      `inject: unknown fault ${JSON.stringify(fault)}. Faults: ${[...NAMED].map((name) => `"${name}"`).join(", ")}, { status, retryAfter? }, { delayMs }.\n${example}`,
    );
  const { times = 1, operation } = injection;
  if (!(times >= 1))
    throw new TypeError(`inject: \`times\` must be at least 1 (or Infinity), not ${times}.\n${example}`);
  if (operation !== undefined && !operations.includes(operation))
    throw new TypeError(
      `inject: no operation \`${operation}\`; the operations are ${operations.join(", ")} (client method names).\n${example}`,
    );
}

/** The queue of injected faults, first injected first applied. */
export class FaultQueue {
  readonly #pending: Pending[] = [];

  add(injection: FaultInjection): void {
    this.#pending.push({
      fault: injection.fault,
      remaining: injection.times ?? 1,
      operation: injection.operation,
    });
  }

  /** The fault for the next request of `operation`, consumed; undefined when none applies. */
  take(operation: string): Fault | undefined {
    const index = this.#pending.findIndex(
      (pending) => pending.operation === undefined || pending.operation === operation,
    );
    if (index < 0) return undefined;
    const pending = this.#pending[index] as Pending;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.#pending.splice(index, 1);
    return pending.fault;
  }

  get size(): number {
    return this.#pending.length;
  }

  clear(): void {
    this.#pending.length = 0;
  }
}
