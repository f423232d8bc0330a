// The dev server on a temp copy of the fixture workspace, in a real Chromium: a spec edit
// regenerates that API, rebuilds its reference and reloads the open page; an edit that breaks
// lint reports file:line:col and the last good page stays served.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevEvent, type DevServer, EVENTS_PATH, startDevServer } from "../src/dev.js";
import {
  assertChromium,
  type Browser,
  launchBrowser,
  offHostRequests,
  POLL_MS,
  visibleText,
  waitForRedoc,
} from "./helpers/browser.js";
import { fixtureWorkspace, type TempWorkspace } from "./helpers/workspace.js";

// No Chromium fails the whole file with the install command, rather than skipping anything.
assertChromium();

let workspace: TempWorkspace;
let server: DevServer;
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  workspace = await fixtureWorkspace();
  browser = await launchBrowser();
  server = await startDevServer({
    root: workspace.root,
    apis: ["showroom", "garage"],
    port: 0,
    outDir: join(workspace.root, "dev-site"),
    log: (line) => log.push(line),
    debounceMs: 150,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  workspace?.cleanup();
});

const specFile = () => join(workspace.root, "specs", "showroom", "openapi.yaml");

/** Resolves with the next event the dev server reports for `api` (of `type`, when given). */
function nextEvent(api: string, type?: DevEvent["type"]): Promise<DevEvent> {
  return new Promise((resolve) => {
    const listener = (event: DevEvent) => {
      if (event.api !== api || (type !== undefined && event.type !== type)) return;
      server.events.off("event", listener);
      resolve(event);
    };
    server.events.on("event", listener);
  });
}

function edit(from: string, to: string): void {
  const text = readFileSync(specFile(), "utf8");
  expect(text).toContain(from);
  writeFileSync(specFile(), text.replace(from, to));
}

describe("pnpm dev", () => {
  it("serves the injected API set on 127.0.0.1, with a reload script only in what it serves", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const landing = await (await fetch(server.url)).text();
    expect(landing).toContain("2 APIs");
    expect(landing).not.toContain("Parts Depot API");
    expect(landing).toContain(EVENTS_PATH);
    expect(readFileSync(join(server.outDir, "index.html"), "utf8")).not.toContain(EVENTS_PATH);
    expect(log.join("\n")).toContain(`docs dev server: ${server.url}`);
  });

  it("regenerates, rebuilds and reloads the open reference on a spec edit", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}showroom/`, { waitUntil: "load" });
    await waitForRedoc(page);
    await page.locator(".menu-content").getByText("cars", { exact: true }).first().click();
    await expect.poll(() => visibleText(page.locator("body")), { timeout: POLL_MS }).toContain("List cars");

    const rebuilt = nextEvent("showroom");
    const reloaded = page.waitForEvent("load", { timeout: 120_000 });
    edit("summary: List cars", "summary: List every car on sale");
    edit("version: 1.4.0", "version: 1.5.0");
    expect(await rebuilt).toMatchObject({ type: "rebuilt", api: "showroom" });
    await reloaded;
    await waitForRedoc(page);
    await expect
      .poll(() => visibleText(page.locator("body")), { timeout: POLL_MS })
      .toContain("List every car on sale");
    // The codegen regenerated the types package, and the landing page shows the new version.
    const bundled = readFileSync(
      join(workspace.root, "packages", "showroom-types", "spec", "openapi.yaml"),
      "utf8",
    );
    expect(bundled).toContain("summary: List every car on sale");
    expect(await (await fetch(server.url)).text()).toContain("spec v1.5.0");
    expect(offHostRequests(page.recorded.requests)).toEqual([]);
    expect(page.recorded.consoleErrors).toEqual([]);
    await page.close();
  });

  it("reports a lint-breaking edit as file:line:col and keeps serving the last good reference", async () => {
    const before = await (await fetch(`${server.url}showroom/`)).text();
    const bundled = join(workspace.root, "packages", "showroom-types", "spec", "openapi.json");
    const bundledBefore = readFileSync(bundled, "utf8");
    const line = readFileSync(specFile(), "utf8").split("\n").indexOf("      operationId: addCar") + 1;
    log.length = 0;
    const failed = nextEvent("showroom");
    edit("      operationId: addCar\n", "");
    const event = await failed;
    expect(event.type).toBe("lint-failed");
    const output = log.join("\n");
    expect(output).toContain("✗ showroom: lint failed, still serving the last good reference");
    expect(output).toMatch(
      new RegExp(`specs/showroom/openapi\\.yaml:${line - 1}:\\d+\\s+error\\s+operation-operationId`),
    );
    expect(await (await fetch(`${server.url}showroom/`)).text()).toBe(before);
    expect(readFileSync(bundled, "utf8")).toBe(bundledBefore);

    // Unparseable YAML is reported too, and the page still stays.
    const broken = nextEvent("showroom");
    edit("paths:\n", "paths: [\n");
    expect((await broken).type).toBe("failed");
    expect(log.join("\n")).toContain("still serving the last good reference");
    expect(await (await fetch(`${server.url}showroom/`)).text()).toBe(before);

    // Fixing the spec brings the reference back in line.
    const fixed = nextEvent("showroom", "rebuilt");
    edit("paths: [\n", "paths:\n");
    edit("      summary: Add a car\n", "      operationId: addCar\n      summary: Add a car\n");
    expect(await fixed).toMatchObject({ type: "rebuilt" });
  });

  it("rebuilds only the API whose spec changed", async () => {
    const garage = readFileSync(join(server.outDir, "garage", "index.html"), "utf8");
    const rebuilt = nextEvent("showroom", "rebuilt");
    edit("Lists the cars on sale.", "Lists every car on sale.");
    await rebuilt;
    expect(readFileSync(join(server.outDir, "garage", "index.html"), "utf8")).toBe(garage);
    expect(readFileSync(join(server.outDir, "showroom", "index.html"), "utf8")).toContain(
      "Lists every car on sale.",
    );
  });
});
