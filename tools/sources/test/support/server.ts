// A vendor-docs stand-in on 127.0.0.1: serves whatever page a test sets for a path, including
// the ways a real server fails (an error status, a non-HTML answer, no answer at all).
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Route =
  | { readonly html: string }
  | { readonly status: number; readonly body?: string; readonly contentType?: string }
  /** Accepts the request and never answers. */
  | { readonly hang: true }
  | { readonly redirect: string };

export interface DocsServer {
  readonly origin: string;
  url(path: string): string;
  set(path: string, route: Route): void;
  close(): Promise<void>;
}

function answer(route: Route, response: ServerResponse): void {
  if ("hang" in route) return;
  if ("redirect" in route) {
    response.writeHead(301, { location: route.redirect }).end();
    return;
  }
  if ("html" in route) {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(route.html);
    return;
  }
  response
    .writeHead(route.status, { "content-type": route.contentType ?? "text/html" })
    .end(route.body ?? "");
}

export async function startDocsServer(): Promise<DocsServer> {
  const routes = new Map<string, Route>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const route = routes.get(new URL(request.url ?? "/", "http://localhost").pathname);
    if (route === undefined)
      response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    else answer(route, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    set: (path, route) => routes.set(path, route),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep their sockets open; close them so the server can stop.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/docs/page`;
}
