// `@leadkit/mock-runtime/server`: the mock over real HTTP, a node:http server on 127.0.0.1 (a
// random free port unless one is given) that hands each request to the engine and carries out
// its answer, including the faults no in-process fake can play: a hung connection, a TCP reset.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  collectionProperties,
  createMockEngine,
  type MockEngine,
  type MockOptions,
  type MockSetup,
} from "./engine.js";
import type { MockServer } from "./types.js";

export interface ListenOptions {
  /** Default: a random free port. */
  readonly port?: number;
  /** Default: 127.0.0.1 (loopback only: a mock has no business on the network). */
  readonly host?: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(chunks.length === 0 ? "" : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A TCP reset (RST), as `ECONNRESET` reaches the client, not a polite close. */
function resetSocket(socket: Socket): void {
  if (typeof socket.resetAndDestroy === "function" && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
}

/** Starts the engine's HTTP server; resolves once it listens. */
export async function listen<Operations, Records>(
  engine: MockEngine<Operations, Records>,
  options: ListenOptions = {},
): Promise<MockServer<Operations, Records>> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(
      `\`port\` must be an integer from 0 to 65535 (0: any free port), not ${String(port)}.`,
    );
  const host = options.host ?? "127.0.0.1";

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const answer = await engine.handle({
      method: request.method ?? "GET",
      url: request.url ?? "/",
      headers: request.headers,
      body,
    });
    if (answer.kind === "reset") {
      resetSocket(request.socket);
      return;
    }
    if (answer.kind === "hang") {
      // Held open until the client gives up, or the mock is reset or closed.
      void answer.released.then(() => resetSocket(request.socket));
      return;
    }
    response.writeHead(answer.status, {
      ...answer.headers,
      "content-length": Buffer.byteLength(answer.body),
    });
    response.end(answer.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the mock (or a test's override that threw): say so, as a 500 the test will see.
      if (!response.headersSent) {
        const text = JSON.stringify({
          error: `The mock failed: ${(error as Error)?.message ?? String(error)}`,
        });
        response.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        response.end(text);
      }
    });
  });
  // Idle keep-alive connections are closed by the client, not the mock: a server closing one just
  // as the client reuses it fails that request ("fetch failed"), which a loaded machine makes
  // likely with Node's 5 s default. close() still ends every connection at once.
  server.keepAliveTimeout = 60_000;
  server.listen(port, host);
  try {
    await once(server, "listening");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === "EADDRINUSE"
        ? `Port ${port} on ${host} is already in use. Pick another (\`port\`), or leave it out for a free one.`
        : `The ${engine.definition.title} mock could not listen on ${host}:${port}: ${(error as Error).message}`,
    );
  }
  const address = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  let closing: Promise<void> | undefined;

  const mock = {
    url: `${origin}${engine.definition.basePath}`,
    port: address.port,
    requests: engine.requests,
    store: engine.store,
    inject: engine.inject.bind(engine),
    override: engine.override.bind(engine),
    reset: engine.reset.bind(engine),
    close() {
      closing ??= (async () => {
        engine.releaseHung();
        const closed = once(server, "close");
        server.close();
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
  for (const [property, collection] of collectionProperties(engine.definition))
    Object.defineProperty(mock, property, {
      enumerable: true,
      get: () => (engine.store as Record<string, unknown>)[collection],
    });
  return mock as unknown as MockServer<Operations, Records>;
}

/** Starts a mock over HTTP on 127.0.0.1; what each package's `start<Name>Mock` calls. */
export async function startMock<VendorOptions, Operations, Records>(
  setup: MockSetup<VendorOptions>,
  options: MockOptions<Operations, Records> & VendorOptions & ListenOptions,
): Promise<MockServer<Operations, Records>> {
  return listen(createMockEngine<VendorOptions, Operations, Records>(setup, options), options);
}
