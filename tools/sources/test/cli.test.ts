// Bad input gets a message saying what is wrong and how to fix it (exit 3), never a stack trace;
// the built command behaves the same as the in-process one.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand } from "@leadkit/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BAD_INPUT } from "../src/cli.js";
import { extractText } from "../src/extract.js";
import { PAGES } from "./support/pages.js";
import { closedPortUrl, type DocsServer, startDocsServer } from "./support/server.js";
import { createWorkspace, run, type TempWorkspace } from "./support/workspace.js";

const BIN = fileURLToPath(new URL("../bin/leadkit-sources.js", import.meta.url));
const STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

let server: DocsServer;
const workspaces: TempWorkspace[] = [];
beforeAll(async () => {
  server = await startDocsServer();
  server.set("/page", { html: PAGES.drivly.html });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  for (const workspace of workspaces.splice(0)) workspace.remove();
});

function workspace(): TempWorkspace {
  const created = createWorkspace([
    {
      api: "drivly",
      file: "update-lead.txt",
      url: server.url("/page"),
      capturedFrom: { html: PAGES.drivly.html },
    },
  ]);
  workspaces.push(created);
  return created;
}

async function expectBadInput(args: string[], ...messages: (string | RegExp)[]) {
  const result = await run(...args);
  expect(result.code, result.stdout).toBe(BAD_INPUT);
  for (const message of messages) {
    if (typeof message === "string") expect(result.stderr).toContain(message);
    else expect(result.stderr).toMatch(message);
  }
  expect(result.stderr).not.toMatch(STACK);
  return result;
}

describe("bad input", () => {
  it("an unknown option or command prints the usage", async () => {
    await expectBadInput(["check", "--updte"], "Unknown option '--updte'", "Usage: leadkit-sources");
    await expectBadInput(["chek"], "Unknown command `chek`.", "Usage: leadkit-sources");
    await expectBadInput([], "Usage: leadkit-sources");
  });

  it("a bad --timeout", async () => {
    await expectBadInput(
      ["check", "--timeout", "soon"],
      "--timeout must be a positive number of seconds (got `soon`).",
    );
  });

  it("an unknown API", async () => {
    const ws = workspace();
    await expectBadInput(
      ["check", "--config", ws.configFile, "--api", "dealer-studo"],
      "Unknown API `dealer-studo`.",
      "APIs in redocly.yaml: drivly.",
    );
  });

  it("no redocly.yaml", async () => {
    await expectBadInput(["check", "--config", "/nonexistent/redocly.yaml"], /redocly\.yaml/);
  });

  it("captures without a manifest", async () => {
    const ws = workspace();
    mkdirSync(ws.sourcesDir("extra"), { recursive: true });
    writeFileSync(join(ws.sourcesDir("extra"), "page.txt"), "text\n");
    writeFileSync(
      ws.configFile,
      "apis:\n  drivly:\n    root: specs/drivly/openapi.yaml\n  extra:\n    root: specs/extra/openapi.yaml\n",
    );
    await expectBadInput(
      ["check", "--config", ws.configFile],
      "specs/extra/sources/ holds captured pages but no sources.json saying where they came from.",
      '"url": "https://vendor.example/docs/create-lead"',
    );
  });

  it("an API asked for by name that records no sources", async () => {
    const ws = workspace();
    writeFileSync(
      ws.configFile,
      "apis:\n  drivly:\n    root: specs/drivly/openapi.yaml\n  github:\n    root: specs/github/openapi.yaml\n",
    );
    await expectBadInput(
      ["check", "--config", ws.configFile, "--api", "github"],
      "API `github` records no sources",
    );
    // Without --api, an API that records no sources (e.g. added from a published spec) is just reported.
    const result = await run("check", "--config", ws.configFile);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No recorded sources (not checked): github.");
  });

  it("a manifest that is not JSON", async () => {
    const ws = workspace();
    writeFileSync(join(ws.sourcesDir("drivly"), "sources.json"), "{ sources: [ }");
    await expectBadInput(
      ["check", "--config", ws.configFile],
      "specs/drivly/sources/sources.json is not valid JSON (",
      "Example:",
    );
  });

  it("every problem of a manifest at once: bad URLs, file names, dates, extraction, hash, keys", async () => {
    const ws = workspace();
    const [entry] = ws.manifest("drivly").sources;
    ws.writeManifest("drivly", {
      sources: [
        { ...entry, url: "docs.drivly.dev/leads" },
        { ...entry, file: "../spec.txt", url: "ftp://docs.drivly.dev/x" },
        { ...entry, file: "b.txt", url: "https://user:secret@docs.drivly.dev/x", captured: "2026-13-01" },
        { ...entry, file: "c.txt", extraction: "readability", sha256: "abc", urls: "x" },
        { file: "d.txt", url: "https://docs.drivly.dev/d", captured: "2026-12-01" },
      ],
    });
    const result = await expectBadInput(
      ["check", "--config", ws.configFile],
      "specs/drivly/sources/sources.json is not valid:",
      "sources[0].url `docs.drivly.dev/leads` is not an absolute URL (write it as https://host/path)",
      'sources[1].file must be a .txt file name inside specs/drivly/sources/ (got "../spec.txt")',
      "sources[1].url `ftp://docs.drivly.dev/x` is not an http or https URL",
      "sources[2].url must not carry credentials: the manifest is committed",
      'sources[2].captured must be a date written YYYY-MM-DD (got "2026-13-01")',
      'sources[3].extraction must be `leadkit-text/1` or `manual` (got "readability")',
      'sources[3].sha256 must be 64 lower-case hex digits (got "abc")',
      "sources[3] has unknown key(s) `urls`",
      "sources[4] records a capture without `extraction`, `sha256`",
      "tools/sources/README.md",
    );
    // The credentials of a bad URL are not repeated in the message.
    expect(result.stderr).not.toContain("secret");
  });

  it("a capture edited after it was captured", async () => {
    const ws = workspace();
    writeFileSync(
      join(ws.sourcesDir("drivly"), "update-lead.txt"),
      `${extractText(PAGES.drivly.html)}edited\n`,
    );
    await expectBadInput(
      ["check", "--config", ws.configFile],
      "specs/drivly/sources/update-lead.txt was edited after it was captured",
      "pnpm sources:check --update",
    );
    // --update is how it is repaired.
    const update = await run("check", "--config", ws.configFile, "--update");
    expect(update.code).toBe(0);
    expect((await run("check", "--config", ws.configFile)).code).toBe(0);
  });

  it("a report path in a folder that does not exist", async () => {
    const ws = workspace();
    await expectBadInput(
      ["check", "--config", ws.configFile, "--report", "/nonexistent/dir/report.md"],
      "Cannot write the report to /nonexistent/dir/report.md",
    );
  });
});

describe("extract", () => {
  it("prints the text of an HTML file", async () => {
    const ws = workspace();
    const file = join(ws.dir, "page.html");
    writeFileSync(file, PAGES["dealer-studio"].html);
    const result = await run("extract", file);
    expect(result.code).toBe(0);
    expect(`${result.stdout}\n`).toBe(extractText(PAGES["dealer-studio"].html));
  });

  it("and of a URL", async () => {
    const result = await run("extract", server.url("/page"));
    expect(`${result.stdout}\n`).toBe(extractText(PAGES.drivly.html));
  });

  it("says what is wrong with a missing file", async () => {
    await expectBadInput(["extract", "/nonexistent/page.html"], "Cannot read /nonexistent/page.html");
  });
});

describe("the built command", () => {
  it("exits 0, 2 and 3 as the in-process CLI does, without stack traces", async () => {
    const ws = workspace();
    const ok = await runCommand(process.execPath, [BIN, "check", "--config", ws.configFile], ws.dir, {
      check: false,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("All 1 vendor page(s) match their captures.");

    const [entry] = ws.manifest("drivly").sources;
    ws.writeManifest("drivly", { sources: [{ ...entry, url: await closedPortUrl() }] });
    const unreachable = await runCommand(process.execPath, [BIN, "check"], ws.dir, { check: false });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/could not reach 127\.0\.0\.1:\d+: connection refused/);

    ws.writeManifest("drivly", { sources: [{ ...entry, url: "not a url" }] });
    const bad = await runCommand(process.execPath, [BIN, "check"], ws.dir, { check: false });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("sources[0].url `not a url` is not an absolute URL");
    expect(`${bad.stdout}${bad.stderr}`).not.toMatch(STACK);
  });
});
