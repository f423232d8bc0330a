// The mock as MSW request handlers, for tests without a port (vitest, jsdom, browsers): the
// same engine, so the same validation, state and faults. One handler catches every request
// to the API's base URL, so unknown paths get the mock's 404/405 too. A reset becomes a
// network error (`HttpResponse.error()`), a hang a response that never comes.
// `msw` (2.x) is an optional peer dependency: only this entry point imports it.
import { HttpResponse, http } from "msw";
import { collectionProperties, type MockEngine } from "./engine.js";
import type { MockControls } from "./types.js";

export type { HttpHandler } from "msw";

export interface MswOptions {
  /**
   * The base URL the handlers intercept. Default: the spec's first server, which is where a
   * client created without `baseUrl` sends its requests.
   */
  readonly baseUrl?: string;
}

/** MSW handlers (spread them into `setupServer(...)`) that carry the mock's controls. */
export type MswMock<Operations, Records> = ReturnType<typeof http.all>[] &
  MockControls<Operations, Records> & { readonly [C in keyof Records]: readonly Records[C][] } & {
    /** The base URL the handlers intercept. */
    readonly baseUrl: string;
  };

export function createMswHandlers<Operations, Records>(
  engine: MockEngine<Operations, Records>,
  options: MswOptions = {},
): MswMock<Operations, Records> {
  const baseUrl = (options.baseUrl ?? engine.definition.defaultBaseUrl).replace(/\/+$/, "");
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `${engine.definition.title} MSW handlers: \`baseUrl\` must be an absolute URL, not ${JSON.stringify(baseUrl)}.\nExample: { baseUrl: "https://api.example.test" }`,
    );
  }
  const origin = parsed.origin;
  // The engine routes below the spec's base path; a custom base URL's own path maps onto it.
  const prefix = parsed.pathname.replace(/\/+$/, "");
  const handler = http.all(`${origin}${prefix}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const answer = await engine.handle({
      method: request.method,
      url: `${engine.definition.basePath}${url.pathname.slice(prefix.length)}${url.search}`,
      headers,
      body: request.body === null ? "" : await request.text(),
    });
    if (answer.kind === "reset") return HttpResponse.error();
    if (answer.kind === "hang") {
      await answer.released;
      return HttpResponse.error();
    }
    return new HttpResponse(answer.body === "" ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  });
  const handlers = [handler];
  const controls = {
    baseUrl,
    requests: engine.requests,
    store: engine.store,
    inject: engine.inject.bind(engine),
    override: engine.override.bind(engine),
    reset: engine.reset.bind(engine),
  };
  for (const [name, value] of Object.entries(controls))
    Object.defineProperty(handlers, name, { value, enumerable: false });
  for (const [property, collection] of collectionProperties(engine.definition))
    Object.defineProperty(handlers, property, {
      enumerable: false,
      get: () => (engine.store as Record<string, unknown>)[collection],
    });
  return handlers as unknown as MswMock<Operations, Records>;
}
