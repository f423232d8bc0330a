// How a call's outcome becomes an MCP tool result. Success: the response body as
// `structuredContent` plus the same JSON as text (for clients that read only text). Failure: a
// result with `isError: true` whose text says what happened in the vendor's words (status and
// body), whether it is safe to call again, and never a stack trace. The client's errors are
// recognised by their names and fields, not by class, so a second copy of @leadkit/runtime in
// node_modules changes nothing.
import { STATUS_CODES } from "node:http";
import type { ToolDefinition } from "./types.js";

export interface ToolResult {
  readonly content: Array<{ readonly type: "text"; readonly text: string }>;
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
  readonly [key: string]: unknown;
}

/** Text longer than this is cut: `structuredContent` carries the whole result. */
const TEXT_LIMIT = 20_000;
/** Bodies quoted in an error are cut here: the vendor's message is near the start. */
const BODY_LIMIT = 4_000;

function cut(text: string, limit: number, note: string): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}… (${text.length - limit} more characters ${note})`;
}

export function errorResult(text: string): ToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

/** The success result of a tool: `data` is what the client's method resolved with. */
export function successResult(tool: ToolDefinition<unknown>, data: unknown): ToolResult {
  if (tool.output === "none" || data === undefined) {
    return { content: [{ type: "text", text: `${tool.method} ${tool.path} succeeded (no response body).` }] };
  }
  const structured =
    tool.output === "body" && typeof data === "object" && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : { data };
  return {
    content: [
      {
        type: "text",
        text: cut(JSON.stringify(data, null, 2), TEXT_LIMIT, "cut; structuredContent has all of it"),
      },
    ],
    structuredContent: structured,
  };
}

/** One problem with a tool's arguments, located by argument path (`body.lead.phone`, `id`). */
export interface ArgumentIssue {
  readonly field: string;
  readonly message: string;
}

export function argumentsResult(tool: ToolDefinition<unknown>, issues: readonly ArgumentIssue[]): ToolResult {
  const lines = issues.map((issue) => `- ${issue.field}: ${issue.message}`);
  return errorResult(
    [
      `Invalid arguments for ${tool.name}; nothing was sent. Fix ${issues.length === 1 ? "this" : "these"} and call again:`,
      ...lines,
    ].join("\n"),
  );
}

interface ErrorFields {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly method?: unknown;
  readonly url?: unknown;
  readonly attempts?: unknown;
  readonly status?: unknown;
  readonly body?: unknown;
  readonly rawBody?: unknown;
  readonly requestId?: unknown;
  readonly retryAfterMs?: unknown;
  readonly timeoutMs?: unknown;
  readonly code?: unknown;
  readonly mayHaveReachedServer?: unknown;
  readonly issues?: unknown;
}

/** The request validation issues of the client (`RequestValidationError`), by argument path. */
export function requestIssues(tool: ToolDefinition<unknown>, error: unknown): ArgumentIssue[] | undefined {
  const fields = (error ?? {}) as ErrorFields;
  if (fields.name !== "RequestValidationError" || !Array.isArray(fields.issues)) return undefined;
  const byParameter = (map: Readonly<Record<string, string>>, parameter: unknown) =>
    Object.entries(map).find(([, name]) => name === parameter)?.[0] ?? String(parameter);
  return fields.issues.map((raw) => {
    const issue = raw as { message?: unknown; path?: unknown; in?: unknown };
    const path = Array.isArray(issue.path)
      ? issue.path.map((segment) =>
          typeof segment === "object" && segment !== null ? (segment as { key: unknown }).key : segment,
        )
      : [];
    let field: string;
    if (issue.in === "path" || issue.in === "query") {
      const [parameter, ...rest] = path;
      const map = issue.in === "path" ? tool.arguments.path : tool.arguments.query;
      field = parameter === undefined ? issue.in : [byParameter(map, parameter), ...rest].join(".");
    } else {
      field = [tool.arguments.body ?? "body", ...path].join(".");
    }
    // The validators' messages start with the field's own path (`lead.phone must be …`): the
    // argument path replaces it.
    const own = path.join(".");
    const message = String(issue.message ?? "is invalid");
    return {
      field,
      message: own !== "" && message.startsWith(`${own} `) ? message.slice(own.length + 1) : message,
    };
  });
}

function advice(tool: ToolDefinition<unknown>, mayHaveActed: boolean): string {
  if (!mayHaveActed) return "";
  return tool.mayCreate
    ? `\nThe API may have processed it: do not call ${tool.name} again before checking, or it may create a duplicate.`
    : `\nIt is safe to call ${tool.name} again (it is idempotent).`;
}

function quote(body: unknown, rawBody: unknown): string {
  if (body !== undefined) return `\nResponse body: ${cut(JSON.stringify(body), BODY_LIMIT, "cut")}`;
  if (typeof rawBody === "string" && rawBody !== "")
    return `\nResponse body (not JSON): ${cut(rawBody, BODY_LIMIT, "cut")}`;
  return "";
}

/**
 * The result of a call that threw. `vendor` names the API (`Drivly Commerce API`), `keyVariable`
 * the variable an auth failure points at. Unknown errors (a bug) are reported by name and message.
 */
export function failureResult(
  tool: ToolDefinition<unknown>,
  error: unknown,
  context: { readonly vendor: string; readonly keyVariable: string; readonly packageName: string },
): ToolResult {
  const issues = requestIssues(tool, error);
  if (issues !== undefined) return argumentsResult(tool, issues);
  const fields = (error ?? {}) as ErrorFields;
  const call = `${String(fields.method ?? tool.method)} ${String(fields.url ?? tool.path)}`;
  const attempts =
    typeof fields.attempts === "number" && fields.attempts > 1 ? ` after ${fields.attempts} attempts` : "";
  if (fields.name === "TimeoutError") {
    return errorResult(
      `${tool.name} failed: ${call} got no response within ${String(fields.timeoutMs)} ms${attempts}.${advice(tool, true)}`,
    );
  }
  if (fields.name === "ConnectionError") {
    return errorResult(
      `${tool.name} failed: ${call} could not reach the API (${String(fields.code ?? "network error")})${attempts}.${advice(tool, fields.mayHaveReachedServer !== false)}`,
    );
  }
  if (fields.name === "InvalidResponseError") {
    const problems = Array.isArray(fields.issues)
      ? `: ${fields.issues.map((issue) => (issue as { message?: unknown }).message).join("; ")}`
      : " without the JSON body the spec promises";
    return errorResult(
      `${tool.name}: ${context.vendor} answered ${String(fields.status)}${problems}.${quote(undefined, fields.rawBody)}`,
    );
  }
  if (typeof fields.status === "number" && "body" in (error as object)) {
    const status = fields.status;
    const reason = STATUS_CODES[status] ?? "";
    const lines = [
      `${tool.name} failed: ${context.vendor} answered ${status}${reason ? ` ${reason}` : ""} to ${call}${attempts}.${quote(fields.body, fields.rawBody)}`,
    ];
    if (typeof fields.requestId === "string")
      lines.push(`Request id (quote it to the vendor): ${fields.requestId}`);
    if (status === 401 || status === 403)
      lines.push(`Check the API key in ${context.keyVariable} and what it is allowed to do.`);
    else if (status === 429 || (status === 503 && typeof fields.retryAfterMs === "number"))
      lines.push(
        `The API asked to wait${typeof fields.retryAfterMs === "number" ? ` ${Math.ceil(fields.retryAfterMs / 1000)} s` : ""} before calling again; it did not process the request.`,
      );
    else if (status >= 400 && status < 500)
      lines.push("The API refused the request: fix the arguments before calling again.");
    else lines.push(advice(tool, true).trim());
    return errorResult(lines.join("\n"));
  }
  const name = typeof fields.name === "string" ? fields.name : "Error";
  const message = typeof fields.message === "string" ? fields.message : String(error);
  return errorResult(
    `${tool.name} failed: ${name}: ${message}\nThis is unexpected; please report it to ${context.packageName}.`,
  );
}
