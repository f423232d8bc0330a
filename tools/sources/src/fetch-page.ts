// Fetches a vendor page and says plainly what happened. A page that could not be fetched is
// its own outcome, never mistaken for an unchanged one.
export type PageResult =
  | { readonly kind: "page"; readonly html: string; readonly finalUrl: string }
  /** The server answered that the page is not there (404, 410): the page moved or was removed. */
  | { readonly kind: "gone"; readonly status: number; readonly finalUrl: string }
  /** Nothing to compare: no connection, no answer in time, a server error, not an HTML page. */
  | { readonly kind: "unreachable"; readonly host: string; readonly reason: string };

const USER_AGENT = "leadkit-sources (watches vendor API documentation pages for changes)";

const NETWORK_REASONS: Record<string, string> = {
  ENOTFOUND: "DNS lookup failed (ENOTFOUND)",
  EAI_AGAIN: "DNS lookup failed (EAI_AGAIN)",
  ECONNREFUSED: "connection refused (ECONNREFUSED)",
  ECONNRESET: "connection reset (ECONNRESET)",
  EHOSTUNREACH: "host unreachable (EHOSTUNREACH)",
  ENETUNREACH: "network unreachable (ENETUNREACH)",
  ETIMEDOUT: "connection timed out (ETIMEDOUT)",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "the connection closed unexpectedly",
};

/** undici's `fetch failed` hides the reason in `cause` (sometimes a level deeper). */
function networkReason(error: unknown, timeoutSeconds: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no response within ${timeoutSeconds} s`;
  }
  let cause: unknown = error;
  for (let depth = 0; depth < 3 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== undefined) return NETWORK_REASONS[code] ?? `${cause.message} (${code})`;
    if (cause.name === "TimeoutError") return `no response within ${timeoutSeconds} s`;
    if (cause.cause === undefined) return cause.message;
    cause = cause.cause;
  }
  return String(error);
}

function decode(bytes: ArrayBuffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

export async function fetchPage(url: string, timeoutSeconds: number): Promise<PageResult> {
  const host = new URL(url).host;
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetch(url, {
      redirect: "follow",
      headers: { "user-agent": USER_AGENT, accept: "text/html,application/xhtml+xml" },
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
    bytes = await response.arrayBuffer();
  } catch (error) {
    return { kind: "unreachable", host, reason: networkReason(error, timeoutSeconds) };
  }
  const finalUrl = response.url || url;
  if (response.status === 404 || response.status === 410) {
    return { kind: "gone", status: response.status, finalUrl };
  }
  if (!response.ok) {
    const text = `${response.status} ${response.statusText}`.trim();
    return { kind: "unreachable", host, reason: `the server answered HTTP ${text}` };
  }
  const contentType = response.headers.get("content-type") ?? "";
  if (!/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType)) {
    return {
      kind: "unreachable",
      host,
      reason: `expected an HTML page, got ${contentType === "" ? "no content type" : contentType}`,
    };
  }
  return { kind: "page", html: decode(bytes, contentType), finalUrl };
}
