// A small static file server for the built site, used by `pnpm dev` and by the browser tests.
// It binds to 127.0.0.1 by default and can rewrite HTML on the way out (the dev server injects
// its reload script there, so the files on disk stay exactly what the build wrote).
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".yml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface StaticServerOptions {
  readonly root: string;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Rewrites every HTML response (not the file). */
  readonly transformHtml?: (html: string) => string;
  /** Extra handlers by exact path, e.g. a server-sent-events endpoint. */
  readonly routes?: Readonly<Record<string, Route>>;
}

export interface StaticServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The file a URL path names inside `root`, or undefined when it would leave `root`. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const base = resolve(root);
  const file = resolve(base, `.${normalize(`/${decoded}`)}`);
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

export function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = options.routes?.[url.pathname];
    if (route !== undefined) {
      route(request, response);
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    void sendFile(options, url.pathname, request, response);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function sendFile(
  options: StaticServerOptions,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  let file = resolveInside(options.root, pathname);
  try {
    if (file === undefined) throw new Error("outside root");
    let info = await stat(file);
    if (info.isDirectory()) {
      if (!pathname.endsWith("/")) {
        // Relative links in <api>/index.html need the trailing slash.
        response.writeHead(301, { location: `${pathname}/` }).end();
        return;
      }
      file = join(file, "index.html");
      info = await stat(file);
    }
    const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    const headers = { "content-type": type, "cache-control": "no-store" };
    if (type.startsWith("text/html") && options.transformHtml !== undefined) {
      const body = Buffer.from(options.transformHtml(await readFile(file, "utf8")));
      response.writeHead(200, { ...headers, "content-length": body.length });
      response.end(request.method === "HEAD" ? undefined : body);
      return;
    }
    response.writeHead(200, { ...headers, "content-length": info.size });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  } catch {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end(`Not found: ${pathname}\n`);
  }
}
