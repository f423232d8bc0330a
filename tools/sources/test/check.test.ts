// `leadkit-sources check` against a docs server on 127.0.0.1 serving the two vendor pages:
// as captured, with cosmetic changes (exit 0), with documentation changes (exit 1, the diff
// shows them), and not at all (exit 2). The CLI runs in this process on a temp workspace
// (`--config`), reading and writing its manifests and captures as it does in the repository.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXTRACTION, extractText } from "../src/extract.js";
import { sha256 } from "../src/manifest.js";
import { type Api, COSMETIC, PAGES, REAL } from "./support/pages.js";
import { closedPortUrl, type DocsServer, startDocsServer } from "./support/server.js";
import { changedLines, createWorkspace, run, type TempWorkspace } from "./support/workspace.js";

const APIS: readonly Api[] = ["dealer-studio", "drivly"];
const TODAY = () => new Date().toISOString().slice(0, 10);

let server: DocsServer;
const workspaces: TempWorkspace[] = [];

beforeAll(async () => {
  server = await startDocsServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  for (const workspace of workspaces.splice(0)) workspace.remove();
});

/** A workspace whose captures are the extraction of the fixtures, served as they are. */
function capturedWorkspace(): TempWorkspace {
  for (const api of APIS) server.set(PAGES[api].path, { html: PAGES[api].html });
  const workspace = createWorkspace(
    APIS.map((api) => ({
      api,
      file: PAGES[api].file,
      url: server.url(PAGES[api].path),
      capturedFrom: { html: PAGES[api].html },
    })),
  );
  workspaces.push(workspace);
  return workspace;
}

function check(workspace: TempWorkspace, ...args: string[]) {
  return run("check", "--config", workspace.configFile, ...args);
}

describe("first capture", () => {
  it("captures a page recorded without a capture, with its date, extraction and sha256", async () => {
    server.set(PAGES.drivly.path, { html: PAGES.drivly.html });
    const workspace = createWorkspace([
      { api: "drivly", file: "update-lead.txt", url: server.url(PAGES.drivly.path) },
    ]);
    workspaces.push(workspace);

    const before = await check(workspace);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("drivly: specs/drivly/sources/update-lead.txt: not captured yet");
    expect(before.stdout).toContain("pnpm sources:check --update");

    const update = await check(workspace, "--update");
    expect(update.code, update.stderr).toBe(0);
    const text = workspace.capture("drivly", "update-lead.txt");
    expect(text).toBe(extractText(PAGES.drivly.html));
    const [entry] = workspace.manifest("drivly").sources;
    expect(entry).toEqual({
      file: "update-lead.txt",
      url: server.url(PAGES.drivly.path),
      captured: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      extraction: EXTRACTION,
      sha256: sha256(text),
    });
    expect([TODAY(), new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(entry?.captured);

    const after = await check(workspace);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("All 1 vendor page(s) match their captures.");
  });
});

describe("pages as captured", () => {
  it("exits 0 and says each page is unchanged", async () => {
    const workspace = capturedWorkspace();
    const result = await check(workspace);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "dealer-studio: specs/dealer-studio/sources/create-lead.txt: unchanged since 2026-12-01",
    );
    expect(result.stdout).toContain(
      "drivly: specs/drivly/sources/update-lead.txt: unchanged since 2026-12-01",
    );
    expect(result.stdout).toContain("All 2 vendor page(s) match their captures.");
    expect(result.stderr).toBe("");
  });

  it("leaves captures and manifests alone with --update when nothing changed", async () => {
    const workspace = capturedWorkspace();
    const manifest = readFileSync(join(workspace.sourcesDir("drivly"), "sources.json"), "utf8");
    const result = await check(workspace, "--update");
    expect(result.code).toBe(0);
    expect(readFileSync(join(workspace.sourcesDir("drivly"), "sources.json"), "utf8")).toBe(manifest);
    expect(workspace.capture("drivly", "update-lead.txt")).toBe(extractText(PAGES.drivly.html));
  });
});

describe.each(APIS)("%s: cosmetic changes are not changes", (api) => {
  it.each(COSMETIC[api].map((variant) => [variant.name, variant] as const))("%s", async (_name, variant) => {
    const workspace = capturedWorkspace();
    const html = variant.apply(PAGES[api].html);
    expect(html).not.toBe(PAGES[api].html);
    server.set(PAGES[api].path, { html });
    const result = await check(workspace, "--api", api);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/: unchanged since /);
  });
});

describe.each(APIS)("%s: documentation changes show in the diff", (api) => {
  it.each(REAL[api].map((change) => [change.name, change] as const))("%s", async (_name, change) => {
    const workspace = capturedWorkspace();
    const captured = workspace.capture(api, PAGES[api].file);
    server.set(PAGES[api].path, { html: change.apply(PAGES[api].html) });

    const result = await check(workspace, "--api", api);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(`${api}: specs/${api}/sources/${PAGES[api].file}: CHANGED`);
    expect(result.stdout).toContain(
      `--- a/specs/${api}/sources/${PAGES[api].file}\tcaptured 2026-12-01 (${EXTRACTION})`,
    );
    expect(result.stdout).toContain(
      `+++ b/specs/${api}/sources/${PAGES[api].file}\t${server.url(PAGES[api].path)}`,
    );
    const { added, removed } = changedLines(result.stdout);
    expect([...added].sort()).toEqual([...change.added].sort());
    expect([...removed].sort()).toEqual([...change.removed].sort());
    expect(result.stdout).toContain("refresh the captures with `pnpm sources:check --update`");
    // A check never touches the capture.
    expect(workspace.capture(api, PAGES[api].file)).toBe(captured);
  });
});

describe("--update", () => {
  it("rewrites a changed capture and its record, so the next check passes", async () => {
    const workspace = capturedWorkspace();
    const [change] = REAL.drivly;
    if (change === undefined) throw new Error("no Drivly change");
    const changed = change.apply(PAGES.drivly.html);
    server.set(PAGES.drivly.path, { html: changed });

    const result = await check(workspace, "--update");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("drivly: specs/drivly/sources/update-lead.txt: changed, capture updated");
    expect(result.stdout).toContain("+Wrong Number,");
    expect(result.stdout).toContain("git diff -- specs");
    const text = workspace.capture("drivly", "update-lead.txt");
    expect(text).toBe(extractText(changed));
    const drivly = workspace.manifest("drivly").sources[0];
    expect(drivly?.sha256).toBe(sha256(text));
    expect(drivly?.extraction).toBe(EXTRACTION);
    expect([TODAY(), new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(drivly?.captured);
    // The unchanged page keeps its capture and its date.
    expect(workspace.manifest("dealer-studio").sources[0]?.captured).toBe("2026-12-01");

    expect((await check(workspace)).code).toBe(0);
  });

  it("replaces a hand capture with the extraction, dropping the note about how it was made", async () => {
    const workspace = capturedWorkspace();
    workspace.writeManifest("drivly", {
      sources: [{ ...workspace.manifest("drivly").sources[0], extraction: "manual", note: "copied by hand" }],
    });
    const check1 = await check(workspace, "--api", "drivly");
    // Same text, made by hand: nothing to compare differently, nothing to report.
    expect(check1.code).toBe(0);

    workspace.writeManifest("drivly", {
      sources: [{ ...workspace.manifest("drivly").sources[0], extraction: "manual", note: "copied by hand" }],
    });
    server.set(PAGES.drivly.path, {
      html: PAGES.drivly.html.replace("<code>Lost</code>", "<code>Lost</code>, <code>Won</code>"),
    });
    const update = await check(workspace, "--api", "drivly", "--update");
    expect(update.code).toBe(0);
    const [entry] = workspace.manifest("drivly").sources;
    expect(entry?.extraction).toBe(EXTRACTION);
    expect(entry).not.toHaveProperty("note");
  });
});

describe("hand captures", () => {
  it("explain that the first comparison also shows how the two extractions differ", async () => {
    // The repository's Drivly capture, made by hand, against the Drivly fixture.
    const capture = readFileSync(
      new URL("../../../specs/drivly/sources/update-lead.txt", import.meta.url),
      "utf8",
    );
    server.set(PAGES.drivly.path, { html: PAGES.drivly.html });
    const workspace = createWorkspace([
      {
        api: "drivly",
        file: "update-lead.txt",
        url: server.url(PAGES.drivly.path),
        capturedFrom: { text: capture, extraction: "manual" },
      },
    ]);
    workspaces.push(workspace);
    const result = await check(workspace);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("This capture was made by hand (extraction: manual)");
    const { added, removed } = changedLines(result.stdout);
    // The browser copy kept the skip link and blank lines between blocks; the extraction drops both.
    const text = (lines: string[]) => lines.filter((line) => line.trim() !== "");
    expect(text(removed).filter((line) => !text(added).includes(line))).toEqual(["Skip to main content"]);
  });
});

describe("pages that cannot be checked", () => {
  it("exits 2 with `could not reach <host>` when nothing listens on the port", async () => {
    const url = await closedPortUrl();
    const workspace = createWorkspace([{ api: "drivly", file: "update-lead.txt", url }]);
    workspaces.push(workspace);
    const result = await check(workspace);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `could not reach ${new URL(url).host}: connection refused (ECONNREFUSED)`,
    );
    expect(result.stderr).toContain('which is not "no change"');
    expect(result.stdout).not.toMatch(/unchanged|match their captures/);
  });

  it("exits 2 when the host name does not resolve", async () => {
    const workspace = createWorkspace([
      { api: "drivly", file: "update-lead.txt", url: "http://leadkit-sources-test.invalid/docs/page" },
    ]);
    workspaces.push(workspace);
    const result = await check(workspace);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /could not reach leadkit-sources-test\.invalid: DNS lookup failed \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it("exits 2 when the server does not answer in time", async () => {
    server.set("/slow", { hang: true });
    const workspace = createWorkspace([{ api: "drivly", file: "update-lead.txt", url: server.url("/slow") }]);
    workspaces.push(workspace);
    const result = await check(workspace, "--timeout", "0.3");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `could not reach ${new URL(server.origin).host}: no response within 0.3 s`,
    );
  });

  it.each([
    [
      "a server error",
      { status: 503, body: "<h1>Service Unavailable</h1>" },
      "the server answered HTTP 503 Service Unavailable",
    ],
    [
      "not an HTML page",
      { status: 200, body: "{}", contentType: "application/json" },
      "expected an HTML page, got application/json",
    ],
    [
      "an empty page",
      { status: 200, body: "<html><body><nav>Menu</nav><script>app()</script></body></html>" },
      "no text in its main content",
    ],
  ])("exits 2 for %s", async (_name, route, reason) => {
    server.set("/broken", route);
    const workspace = createWorkspace([
      { api: "drivly", file: "update-lead.txt", url: server.url("/broken") },
    ]);
    workspaces.push(workspace);
    const result = await check(workspace);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(reason);
  });

  it("exits 1 for a page that is gone (404), saying to correct its URL", async () => {
    const workspace = capturedWorkspace();
    server.set(PAGES.drivly.path, { status: 404 });
    const result = await check(workspace, "--api", "drivly");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("the page is gone: HTTP 404");
    expect(result.stdout).toContain("correct `url` in specs/drivly/sources/sources.json");
  });

  it("exits 2 when one page changed and another could not be reached, still showing the diff", async () => {
    const workspace = capturedWorkspace();
    const [change] = REAL["dealer-studio"];
    if (change === undefined) throw new Error("no Dealer Studio change");
    server.set(PAGES["dealer-studio"].path, { html: change.apply(PAGES["dealer-studio"].html) });
    const manifest = workspace.manifest("drivly");
    workspace.writeManifest("drivly", {
      sources: [{ ...manifest.sources[0], url: "http://leadkit-sources-test.invalid/x" }],
    });
    const result = await check(workspace);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("+trade_in_vin");
    expect(result.stderr).toContain("could not reach leadkit-sources-test.invalid");
  });

  it("follows redirects and says where the page moved", async () => {
    const workspace = capturedWorkspace();
    server.set("/moved", { html: PAGES.drivly.html });
    server.set(PAGES.drivly.path, { redirect: "/moved" });
    const result = await check(workspace, "--api", "drivly");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`unchanged since 2026-12-01 (redirected to ${server.url("/moved")})`);
  });
});

describe("--report", () => {
  it("writes the Markdown the scheduled workflow files as an issue", async () => {
    const workspace = capturedWorkspace();
    const [change] = REAL.drivly;
    if (change === undefined) throw new Error("no Drivly change");
    server.set(PAGES.drivly.path, { html: change.apply(PAGES.drivly.html) });
    const report = join(workspace.dir, "report.md");
    const result = await check(workspace, "--report", report);
    expect(result.code).toBe(1);
    const markdown = readFileSync(report, "utf8");
    expect(markdown).toContain("### drivly: `specs/drivly/sources/update-lead.txt`");
    expect(markdown).toMatch(
      /```diff\n--- a\/specs\/drivly\/sources\/update-lead\.txt[\s\S]*\n\+Wrong Number,\n[\s\S]*\n```\n/,
    );
    expect(markdown).toContain("- result: unchanged since 2026-12-01");
    expect(markdown).toContain("pnpm sources:check --update");
    // The same page state gives the same report, so the workflow can tell a new change from an old one.
    await check(workspace, "--report", `${report}.2`);
    expect(readFileSync(`${report}.2`, "utf8")).toBe(markdown);
  });
});
