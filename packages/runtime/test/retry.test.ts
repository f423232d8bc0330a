// The retry rule as tables: which outcome is retried for an operation that may create a
// resource and for an idempotent one, and how long each wait is.
import { describe, expect, it, vi } from "vitest";
import { ConnectionError, TimeoutError } from "../src/errors.js";
import {
  backoffDelay,
  errorCode,
  type Outcome,
  parseRetryAfter,
  provablyNotSent,
  retryDelay,
} from "../src/retry.js";

const policy = { maxRetries: 2, retryDelayMs: 100, maxRetryDelayMs: 10_000 };
const details = { method: "POST", url: "https://api.test/x", attempts: 1 };
const respond = (status: number, headers: Record<string, string> = {}): Outcome => ({
  response: new Response(null, { status, headers }),
});
const refused: Outcome = {
  error: new ConnectionError({ ...details, code: "ECONNREFUSED", mayHaveReachedServer: false }),
};
const reset: Outcome = {
  error: new ConnectionError({ ...details, code: "ECONNRESET", mayHaveReachedServer: true }),
};
const timedOut: Outcome = { error: new TimeoutError({ ...details, timeoutMs: 5 }) };

describe("retryDelay: whether an outcome is retried", () => {
  const table: Array<[name: string, outcome: Outcome, creates: boolean, idempotent: boolean]> = [
    ["connection refused (provably not sent)", refused, true, true],
    ["connection reset (may have been processed)", reset, false, true],
    ["timeout", timedOut, false, true],
    ["408", respond(408), false, true],
    ["429 without Retry-After", respond(429), true, true],
    ["429 with Retry-After", respond(429, { "retry-after": "1" }), true, true],
    ["500", respond(500), false, true],
    ["502", respond(502), false, true],
    ["503 without Retry-After", respond(503), false, true],
    ["503 with Retry-After", respond(503, { "retry-after": "1" }), true, true],
    ["503 with an unreadable Retry-After", respond(503, { "retry-after": "soon" }), false, true],
    ["504", respond(504), false, true],
    ["400", respond(400), false, false],
    ["401", respond(401), false, false],
    ["404", respond(404), false, false],
    ["422", respond(422), false, false],
    ["201", respond(201), false, false],
    ["an error that is not leadkit's", { error: new Error("middleware bug") }, false, false],
  ];
  for (const [name, outcome, creates, idempotent] of table) {
    it(`${name}: ${creates ? "retried" : "not retried"} when it may create, ${idempotent ? "retried" : "not retried"} when idempotent`, () => {
      expect(retryDelay(outcome, true, 0, policy) !== undefined).toBe(creates);
      expect(retryDelay(outcome, false, 0, policy) !== undefined).toBe(idempotent);
    });
  }

  it("stops after maxRetries", () => {
    expect(retryDelay(respond(500), false, 1, policy)).toBeDefined();
    expect(retryDelay(respond(500), false, 2, policy)).toBeUndefined();
    expect(retryDelay(respond(500), false, 0, { ...policy, maxRetries: 0 })).toBeUndefined();
  });

  it("waits exactly what Retry-After says, and gives up when that is longer than maxRetryDelayMs", () => {
    expect(retryDelay(respond(429, { "retry-after": "3" }), true, 0, policy)).toBe(3_000);
    expect(retryDelay(respond(503, { "retry-after": "11" }), true, 0, policy)).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    const date = new Date(now + 2_500).toUTCString(); // HTTP-dates have whole seconds
    expect(retryDelay(respond(503, { "retry-after": date }), true, 0, policy, now)).toBe(2_000);
  });

  it("backs off exponentially with jitter between half and all of the delay, capped", () => {
    const random = vi.spyOn(Math, "random");
    random.mockReturnValue(0);
    expect([0, 1, 2].map((retry) => backoffDelay(retry, policy))).toEqual([50, 100, 200]);
    random.mockReturnValue(0.999999);
    expect(backoffDelay(2, policy)).toBeCloseTo(400, 2);
    expect(backoffDelay(20, policy)).toBeCloseTo(10_000, 0);
    random.mockRestore();
    for (let i = 0; i < 100; i++)
      expect(retryDelay(respond(500), false, 1, policy)).toBeGreaterThanOrEqual(100);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const table: Array<[string | null, number | undefined]> = [
    ["0", 0],
    ["120", 120_000],
    [" 7 ", 7_000],
    ["Sun, 01 Mar 2026 12:00:30 GMT", 30_000],
    ["Sun, 01 Mar 2026 11:00:00 GMT", 0], // in the past: retry now
    ["soon", undefined],
    ["-5", undefined],
    ["", undefined],
    [null, undefined],
  ];
  for (const [value, want] of table)
    it(`${JSON.stringify(value)} -> ${want}`, () => expect(parseRetryAfter(value, now)).toBe(want));
});

describe("errorCode / provablyNotSent", () => {
  const undici = (code: string) =>
    Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });
  const table: Array<[name: string, error: unknown, code: string | undefined, notSent: boolean]> = [
    ["undici, refused", undici("ECONNREFUSED"), "ECONNREFUSED", true],
    ["undici, DNS", undici("ENOTFOUND"), "ENOTFOUND", true],
    ["undici, connect timeout", undici("UND_ERR_CONNECT_TIMEOUT"), "UND_ERR_CONNECT_TIMEOUT", true],
    ["undici, reset", undici("ECONNRESET"), "ECONNRESET", false],
    ["undici, socket closed", undici("UND_ERR_SOCKET"), "UND_ERR_SOCKET", false],
    [
      "happy eyeballs",
      Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new AggregateError([]), { code: "ECONNREFUSED" }),
      }),
      "ECONNREFUSED",
      true,
    ],
    ["a browser (no code)", new TypeError("Failed to fetch"), undefined, false],
    ["not an error", "boom", undefined, false],
  ];
  for (const [name, error, code, notSent] of table) {
    it(name, () => {
      expect(errorCode(error)).toBe(code);
      expect(provablyNotSent(errorCode(error))).toBe(notSent);
    });
  }
});
