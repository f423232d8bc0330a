// The HTTP request of an operation as a curl command: the spec's server URL, the path and
// query example values, the API key where the spec's security scheme puts it (read from
// `$<ENV>_API_KEY`, the variable the TypeScript sample reads too) and the same request body.
import { jsonText } from "./literal.js";
import type { OperationInput, SampleContext, SampleKind } from "./types.js";

/** A shell word in single quotes (a `'` inside becomes `'\''`). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `form` style with `explode` (OpenAPI's default for query parameters); objects as `deepObject`. */
export function queryString(query: ReadonlyArray<readonly [string, unknown]>): string {
  const pairs: string[] = [];
  const add = (key: string, value: unknown) =>
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text(value))}`);
  for (const [name, value] of query) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) add(name, item);
    else if (typeof value === "object" && value !== null)
      for (const [key, item] of Object.entries(value)) add(`${name}[${key}]`, item);
    else add(name, value);
  }
  return pairs.join("&");
}

export function requestUrl(input: OperationInput): string {
  const values = new Map(input.request.path);
  const path = input.operation.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    if (!values.has(name)) return whole;
    // A placeholder stays readable (`<owner>`): it is for the reader to replace.
    return input.request.placeholders.has(name) ? `<${name}>` : encodeURIComponent(text(values.get(name)));
  });
  const query = queryString(input.request.query);
  return `${input.serverUrl}${path}${query === "" ? "" : `?${query}`}`;
}

function bodyLines(input: OperationInput): string[] {
  const body = input.request.body;
  if (body === undefined) return [];
  const contentType = `-H ${shellQuote(`Content-Type: ${body.mediaType}`)}`;
  if (/json/.test(body.mediaType) || typeof body.value !== "object" || body.value === null) {
    const payload =
      typeof body.value === "string" && !/json/.test(body.mediaType) ? body.value : jsonText(body.value);
    const lines = payload.split("\n");
    let end = "JSON";
    while (lines.includes(end)) end = `${end}_END`;
    // A quoted here-document: the body goes through the shell untouched, quotes and `$` included.
    return [contentType, `--data-binary @- <<'${end}'\n${payload}\n${end}`];
  }
  const flag = body.mediaType.startsWith("multipart/") ? "-F" : "--data-urlencode";
  return Object.entries(body.value as Record<string, unknown>).map(
    ([key, value]) => `${flag} ${shellQuote(`${key}=${text(value)}`)}`,
  );
}

export const curlSample: SampleKind = {
  label: "curl",
  lang: "Shell",
  available: () => true,
  render(context: SampleContext, input: OperationInput): string {
    const key = `$${context.ENV}_API_KEY`;
    const auth = input.auth;
    const plainUrl = requestUrl(input);
    let url = shellQuote(plainUrl);
    const options: string[] = [];
    if (auth.in === "header") options.push(`-H "${auth.name}: ${auth.prefix}${key}"`);
    else if (auth.in === "cookie") options.push(`-b "${auth.name}=${key}"`);
    else if (auth.in === "basic") options.push(`-u "$${context.ENV}_USERNAME:$${context.ENV}_PASSWORD"`);
    else if (auth.in === "query") {
      const separator = plainUrl.includes("?") ? "&" : "?";
      url = `${url}${shellQuote(`${separator}${encodeURIComponent(auth.name)}=`)}"${key}"`;
    }
    for (const [name, value] of input.request.headers)
      options.push(`-H ${shellQuote(`${name}: ${text(value)}`)}`);
    options.push(...bodyLines(input));
    const method = input.operation.method.toUpperCase();
    return `${[`curl -X ${method} ${url}`, ...options].join(" \\\n  ")}\n`;
  },
};
