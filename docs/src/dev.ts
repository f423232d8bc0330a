// `pnpm dev`: serves the site on 127.0.0.1 and watches the specs. A spec edit re-lints and
// regenerates that API's packages (the codegen's `generateApi`, for that API only), rebuilds its
// reference and the landing page, and reloads open pages through server-sent events. A spec
// that fails lint prints its problems (file:line:col) and the last good pages stay served.
import { EventEmitter } from "node:events";
import { existsSync, type FSWatcher, watch } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import {
  type ApiEntry,
  CodegenError,
  formatProblem,
  generateApi,
  type LintProblem,
  type Workspace,
} from "@leadkit/codegen";
import { writeSitePages } from "./build.js";
import { buildReference } from "./reference.js";
import { serveStatic } from "./server.js";
import { type ApiDoc, DOCS_DIR, loadApiDoc, loadSiteWorkspace, type SiteOptions } from "./site.js";

export const DEV_OUT_DIR = join(DOCS_DIR, ".artifacts", "dev-site");
export const EVENTS_PATH = "/__leadkit/events";

/** Injected into every HTML page the dev server sends (never written to disk). */
export const RELOAD_SCRIPT = `<script>(() => {
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener("reload", () => location.reload());
})();</script>`;

export function injectReload(html: string): string {
  // The last one: the inlined Redoc bundle has "</body>" in its strings.
  const end = html.lastIndexOf("</body>");
  return end === -1 ? html + RELOAD_SCRIPT : `${html.slice(0, end)}${RELOAD_SCRIPT}\n${html.slice(end)}`;
}

export interface DevServerOptions extends SiteOptions {
  readonly port?: number;
  readonly host?: string;
  readonly outDir?: string;
  readonly log?: (line: string) => void;
  /** Quiet time after the last file event before rebuilding. */
  readonly debounceMs?: number;
}

export type DevEvent =
  | { type: "rebuilt"; api: string; ms: number }
  | { type: "lint-failed"; api: string; problems: readonly LintProblem[] }
  | { type: "failed"; api: string; message: string };

export interface DevServer {
  readonly url: string;
  readonly port: number;
  readonly outDir: string;
  /** Emits `event` with a DevEvent after every rebuild attempt. */
  readonly events: EventEmitter;
  close(): Promise<void>;
}

function inside(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir + sep);
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outDir = resolve(options.outDir ?? DEV_OUT_DIR);
  const { workspace, apis } = loadSiteWorkspace(options);
  const events = new EventEmitter();
  const clients = new Set<ServerResponse>();
  const docs = new Map<string, ApiDoc>();
  const relativePath = (file: string) => relative(workspace.root, file) || file;

  const report = (event: DevEvent) => {
    events.emit("event", event);
  };

  /** Lint + regenerate + rebuild one API; on failure keep whatever was served before. */
  async function rebuild(api: ApiEntry): Promise<boolean> {
    const started = performance.now();
    try {
      const result = await generateApi(workspace, api);
      if (result.status === "lint-failed") {
        log(`✗ ${api.name}: lint failed, still serving the last good reference`);
        for (const problem of result.problems) log(`  ${formatProblem(problem)}`);
        report({ type: "lint-failed", api: api.name, problems: result.problems });
        return false;
      }
      const doc = loadApiDoc(api);
      await buildReference(doc, outDir);
      docs.set(api.name, doc);
      await writePages(workspace);
      const ms = Math.round(performance.now() - started);
      const files =
        result.changes.length === 1 ? "1 generated file" : `${result.changes.length} generated files`;
      log(`✓ ${api.name}: v${doc.version}, ${files} changed, reference rebuilt in ${ms} ms`);
      report({ type: "rebuilt", api: api.name, ms });
      return true;
    } catch (error) {
      const message = error instanceof CodegenError ? error.format() : String(error);
      log(`✗ ${api.name}: ${message}\n  still serving the last good reference`);
      report({ type: "failed", api: api.name, message });
      return false;
    }
  }

  async function writePages(current: Workspace): Promise<void> {
    const served = apis.flatMap((api) => docs.get(api.name) ?? []);
    await writeSitePages({ workspace: current, apis: served }, outDir);
  }

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // Start from the current specs (they may have changed while no server ran); an API whose spec
  // fails now is served from its last generated spec, if there is one.
  await Promise.all(
    apis.map(async (api) => {
      if (await rebuild(api)) return;
      try {
        const doc = loadApiDoc(api);
        await buildReference(doc, outDir);
        docs.set(api.name, doc);
      } catch (error) {
        log(`  ${api.name}: no earlier build to serve (${error instanceof Error ? error.message : error})`);
      }
    }),
  );
  await writePages(workspace);

  const server = await serveStatic({
    root: outDir,
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    transformHtml: injectReload,
    routes: {
      [EVENTS_PATH]: (request, response) => {
        response.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-store",
          connection: "keep-alive",
        });
        response.write("retry: 500\n\n");
        clients.add(response);
        request.on("close", () => clients.delete(response));
      },
    },
  });

  const broadcast = (api: string) => {
    for (const client of clients) client.write(`event: reload\ndata: ${JSON.stringify({ api })}\n\n`);
  };

  // Rebuilds run one at a time; edits arriving meanwhile are collected for the next round.
  const pending = new Set<ApiEntry>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const schedule = (affected: readonly ApiEntry[]) => {
    for (const api of affected) pending.add(api);
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        const batch = [...pending];
        pending.clear();
        for (const api of batch) {
          if (closed) return;
          if (await rebuild(api)) broadcast(api.name);
        }
      });
    }, options.debounceMs ?? 150);
  };

  const specDirs = apis.map((api) => ({ api, dir: dirname(api.specFile) }));
  const onChange = (file: string) => {
    if (![".yaml", ".yml", ".json"].includes(extname(file))) return;
    const owners = specDirs.filter(({ dir }) => inside(dir, file)).map(({ api }) => api);
    // A file outside every API's folder may be shared by several specs: rebuild them all.
    schedule(owners.length > 0 ? owners : apis);
  };
  const watched = [join(workspace.root, "specs"), ...specDirs.map(({ dir }) => dir)].filter(
    (dir, index, all) => existsSync(dir) && !all.slice(0, index).some((earlier) => inside(earlier, dir)),
  );
  const watchers: FSWatcher[] = watched.map((dir) =>
    watch(dir, { recursive: true }, (_event, name) => {
      if (name !== null) onChange(join(dir, name.toString()));
    }),
  );

  // The API list itself is read once; say so instead of serving a stale list silently.
  watchers.push(
    watch(workspace.configFile, () =>
      log(`${relativePath(workspace.configFile)} changed: restart the dev server to pick up its API list.`),
    ),
  );

  log(`docs dev server: ${server.url} (watching ${watched.map(relativePath).join(", ")})`);
  return {
    url: server.url,
    port: server.port,
    outDir,
    events,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const client of clients) client.end();
      await running;
      await server.close();
    },
  };
}
