// The built site (docs/dist, from `pnpm build`) in a real Chromium, served from 127.0.0.1: the
// landing page links work and its code is highlighted with working copy buttons, every reference
// renders every operation with its code samples, search finds operations, the changelog pages
// render (released and not yet released, on the fixture workspace), nothing is requested from
// another host and nothing is logged as an error. Screenshots go to docs/.artifacts/screenshots/
// (git-ignored) for a person to look at.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type OpenApiDocument, pascalCase, resolveRef } from "@leadkit/codegen";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_OUT_DIR, writeSitePages } from "../src/build.js";
import { type StaticServer, serveStatic } from "../src/server.js";
import { type ApiDoc, DOCS_DIR, loadSite, type OperationSummary } from "../src/site.js";
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

const SCREENSHOTS = join(DOCS_DIR, ".artifacts", "screenshots");

/** Texts each real API's reference must show (checked for the APIs redocly.yaml lists). */
const CONCRETE: Record<string, readonly string[]> = {
  "dealer-studio": ["operation-id: createLead", "/api/v1/leads", "dealership_slug", "422"],
  drivly: ["operation-id: updateLead", "fallback-locale", "Qualified Lead", "processStatuses", "404"],
};

type Node = Record<string, unknown>;

/** Parameter names, top-level request body properties and response codes of an operation. */
function operationFacts(document: OpenApiDocument, operation: OperationSummary) {
  const paths = document.paths as Record<string, Node>;
  const item = resolveRef<Node>(document, paths[operation.path]);
  const raw = item[operation.method] as Node;
  const parameters = [...((item.parameters as unknown[]) ?? []), ...((raw.parameters as unknown[]) ?? [])]
    .map((parameter) => resolveRef<Node>(document, parameter))
    .map((parameter) => parameter.name as string);
  const body = resolveRef<Node | undefined>(document, raw.requestBody);
  const schema = resolveRef<Node | undefined>(
    document,
    (body?.content as Record<string, Node> | undefined)?.["application/json"]?.schema,
  );
  const properties = new Set<string>();
  for (const part of [schema, ...((schema?.allOf as unknown[]) ?? [])]) {
    const resolved = resolveRef<Node | undefined>(document, part);
    for (const name of Object.keys((resolved?.properties as Node) ?? {})) properties.add(name);
  }
  const responses = Object.entries((raw.responses as Node) ?? {}).map(([code, response]) => ({
    code,
    inferred: resolveRef<Node>(document, response)["x-source"] === "inferred",
  }));
  return { parameters, properties: [...properties], responses };
}

let server: StaticServer;
let browser: Browser;
let apis: readonly ApiDoc[];

beforeAll(async () => {
  if (!existsSync(join(DEFAULT_OUT_DIR, "index.html"))) {
    throw new Error(`${DEFAULT_OUT_DIR} has no site. Build it first: pnpm --filter @leadkit/docs build`);
  }
  apis = loadSite().apis;
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  server = await serveStatic({ root: DEFAULT_OUT_DIR });
  await grantClipboard(server);
});

/** Lets the site's pages use the clipboard API, as a reader's click does (headless has no prompt). */
function grantClipboard(site: StaticServer): Promise<void> {
  return browser.context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: site.url.replace(/\/$/, ""),
  });
}

/** Clicks a code block's copy button and returns what landed on the clipboard. */
async function copyFrom(page: Page, block: Locator): Promise<string> {
  const button = block.locator("button.copy");
  await button.click();
  await expect.poll(() => visibleText(button)).toBe("Copied");
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The distinct colours of a highlighted block's tokens, as Chromium computes them. */
function tokenColours(block: Locator): Promise<string[]> {
  return block.evaluate((element) => [
    ...new Set(
      [...element.querySelectorAll("pre code span span")].map((span) => getComputedStyle(span).color),
    ),
  ]);
}

/** Switches an operation's code sample panel to `label` (Redoc keeps the last choice per site). */
async function showSample(page: Page, section: Locator, label: string): Promise<void> {
  const menu = section.locator('button[aria-haspopup="menu"]', {
    hasText: /^(TypeScript|curl|Mock server|MCP config|MCP tool call)$/,
  });
  if ((await visibleText(menu.first())).trim() === label) return;
  await menu.first().click();
  await page.getByRole("menuitem", { name: label, exact: true }).click();
  await expect.poll(() => visibleText(menu.first())).toBe(label);
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Fails on any request off 127.0.0.1 and any console error of the page so far. */
function expectClean(page: Page & { recorded: { requests: string[]; consoleErrors: string[] } }) {
  expect(offHostRequests(page.recorded.requests), "requests that left 127.0.0.1").toEqual([]);
  expect(page.recorded.consoleErrors, "console errors").toEqual([]);
}

async function openReference(api: ApiDoc) {
  const page = await browser.newPage();
  const response = await page.goto(`${server.url}${api.name}/`, { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  await waitForRedoc(page);
  return page;
}

describe("the landing page", () => {
  it("lists every API of redocly.yaml with working links", async () => {
    const page = await browser.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    expect(await page.title()).toBe("leadkit API docs");
    const cards = page.locator("li.card");
    expect(await cards.count()).toBe(apis.length);
    for (const api of apis) {
      const card = page.locator(`#api-${api.name}`);
      await expect.poll(() => visibleText(card.locator("h3")), { timeout: POLL_MS }).toBe(api.title);
      const text = await visibleText(card);
      expect(text).toContain(`spec v${api.version}`);
      expect(text).toContain(`npm install ${api.typesPackage.name}`);
      for (const operation of api.operations) expect(text).toContain(operation.name);
    }
    const hrefs = await page.$$eval("a[href]", (links) =>
      links.map((link) => (link as HTMLAnchorElement).href),
    );
    const local = [...new Set(hrefs.map((href) => href.split("#")[0] as string))].filter((href) =>
      href.startsWith(server.url),
    );
    expect(local.length).toBeGreaterThanOrEqual(apis.length * 3);
    for (const href of local) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    await page.screenshot({ path: join(SCREENSHOTS, "landing.png"), fullPage: true });
    // Following a card's link opens that API's reference.
    const first = apis[0] as ApiDoc;
    await page.locator(`#api-${first.name} a.button`).click();
    await page.waitForURL(`${server.url}${first.name}/`);
    await waitForRedoc(page);
    expectClean(page);
    await page.close();
  });
});

describe("the landing page's code", () => {
  it("is highlighted at build time: coloured tokens, no highlighting script", async () => {
    const page = await browser.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    for (const api of apis) {
      const usage = page.locator(`#api-${api.name} .code-wrap`).first();
      expect(await visibleText(usage)).toContain(api.usage.code.split("\n")[0] as string);
      // Keywords, strings, names and comments each get their colour.
      expect((await tokenColours(usage)).length, api.name).toBeGreaterThanOrEqual(3);
    }
    // The only script is the page's own copy-button script; nothing was fetched for highlighting.
    expect(await page.locator("script[src]").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    expectClean(page);
    await page.close();
  });

  it("copies a block to the clipboard with its button, through the clipboard API or without it", async () => {
    const page = await browser.newPage();
    await page.goto(server.url, { waitUntil: "load" });
    const first = apis[0] as ApiDoc;
    const usage = page.locator(`#api-${first.name} .code-wrap`).first();
    expect(await copyFrom(page, usage)).toBe(usageCode(first));
    expectClean(page);
    await page.close();

    // A browser without the clipboard API (or a page it refuses it to): the textarea fallback.
    const old = await browser.newPage();
    await old.addInitScript({
      content: 'Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });',
    });
    await old.goto(server.url, { waitUntil: "load" });
    expect(await old.evaluate(() => navigator.clipboard)).toBeUndefined();
    const install = old.locator(`#api-${first.name} .package .code`).first();
    await install.locator("button.copy").click();
    await expect.poll(() => visibleText(install.locator("button.copy"))).toBe("Copied");
    const reader = await browser.newPage();
    await reader.goto(server.url, { waitUntil: "load" });
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(
      `npm install ${(first.clientPackage ?? first.typesPackage).name}`,
    );
    expectClean(old);
    await old.close();
    await reader.close();
  });
});

function usageCode(api: ApiDoc): string {
  return api.usage.code.replace(/\n+$/, "");
}

describe("each API reference", () => {
  it("renders every operation with its parameters, body fields, response codes and inferred facts", async () => {
    for (const api of apis) {
      const page = await openReference(api);
      const tags = [...new Set(api.operations.flatMap((operation) => operation.tags))];
      for (const tag of tags) {
        await page.locator(".menu-content").getByText(tag, { exact: true }).first().click();
        for (const operation of api.operations.filter((candidate) => candidate.tags.includes(tag))) {
          const section = page.locator(`[data-section-id$="/${operation.name.toLowerCase()}"]`).first();
          await section.waitFor();
          const text = await visibleText(section);
          const facts = operationFacts(api.document, operation);
          for (const expected of [
            operation.summary ?? "",
            `operation-id: ${operation.name}`,
            operation.path,
            ...facts.parameters,
            ...facts.properties,
          ]) {
            expect(text, `${api.name} ${operation.name}`).toContain(expected);
          }
          for (const response of facts.responses) {
            const tab = section.getByRole("tab", { name: response.code, exact: true }).first();
            await tab.click();
            await expect.poll(() => tab.getAttribute("aria-selected"), { timeout: POLL_MS }).toBe("true");
            if (response.inferred) {
              expect(await visibleText(section), `${api.name} ${response.code}`).toContain("Inferred:");
            }
          }
          if (api.inferredCount > 0)
            expect(await visibleText(page.locator("body"))).toMatch(/source:\s*inferred/);
          // The code samples: the client call (factory and method) and curl.
          const where = `${api.name} ${operation.operationId}`;
          if (api.clientPackage !== undefined) {
            await showSample(page, section, "TypeScript");
            const sample = await visibleText(section);
            expect(sample, where).toContain(`create${pascalCase(api.name)}Client({`);
            expect(sample, where).toContain(`client.${operation.methodName}(`);
            expect(sample, where).toContain(".hasStatus(");
          }
          await showSample(page, section, "curl");
          expect(await visibleText(section), where).toContain(`curl -X ${operation.method.toUpperCase()} '`);
        }
      }
      const body = await visibleText(page.locator("body"));
      for (const expected of CONCRETE[api.name] ?? []) expect(body, api.name).toContain(expected);
      // One shot of the first operation, one of the overview; settle first: Redoc scrolls smoothly.
      const first = api.operations[0] as OperationSummary;
      await page
        .locator(`[data-section-id$="/${first.name.toLowerCase()}"]`)
        .first()
        .evaluate((element) => element.scrollIntoView({ block: "start", behavior: "instant" }));
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(SCREENSHOTS, `${api.name}-${first.name}.png`) });
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
      await page.waitForTimeout(1000);
      await page.screenshot({ path: join(SCREENSHOTS, `${api.name}.png`) });
      expectClean(page);
      await page.close();
    }
  });

  it("finds an operation with the in-page search", async () => {
    for (const api of apis) {
      const operation = api.operations[0] as OperationSummary;
      const page = await openReference(api);
      await page.locator(".menu-content").getByText("Search").first().click();
      const input = page.getByPlaceholder(/^Search/);
      await input.fill(operation.summary ?? operation.name);
      const dialog = page.getByTestId("search-dialog");
      await expect
        .poll(() => visibleText(dialog), { timeout: POLL_MS })
        .toContain(operation.summary ?? operation.name);
      const result = dialog.getByText(operation.path, { exact: true }).first();
      await result.waitFor();
      await result.click();
      await page.waitForURL((url) => url.hash.toLowerCase().includes(operation.name.toLowerCase()));
      await expect
        .poll(() => visibleText(page.locator("body")), { timeout: POLL_MS })
        .toContain(`operation-id: ${operation.name}`);
      expectClean(page);
      await page.close();
    }
  });

  it("serves the bundled spec next to each reference", async () => {
    const page = await browser.newPage();
    for (const api of apis) {
      for (const file of ["openapi.json", "openapi.yaml"]) {
        const response = await page.request.get(`${server.url}${api.name}/${file}`);
        expect(response.status()).toBe(200);
        expect(await response.text()).toContain(api.version);
      }
    }
    await page.close();
  });
});

describe("the changelog pages", () => {
  let fixture: TempWorkspace;
  let site: StaticServer;

  beforeAll(async () => {
    // The fixture's showroom has released (CHANGELOG.md files); its garage has not. Only the
    // site's own pages are built: the references are not needed here.
    fixture = await fixtureWorkspace();
    const outDir = join(fixture.root, "site");
    await writeSitePages(loadSite({ root: fixture.root, apis: ["showroom", "garage"] }), outDir);
    site = await serveStatic({ root: outDir });
    await grantClipboard(site);
  });
  afterAll(async () => {
    await site?.close();
    fixture?.cleanup();
  });

  it("render each release with the spec version it was built from, linked from the landing card", async () => {
    const page = await browser.newPage();
    await page.goto(site.url, { waitUntil: "load" });
    await page.locator("#api-showroom .actions").getByRole("link", { name: "changelog" }).click();
    await page.waitForURL(`${site.url}showroom/changelog.html`);
    expect(await page.title()).toBe("Showroom API changelog · leadkit");
    const client = page.locator("section", { has: page.locator("#leadkit-showroom") });
    const release = client.getByRole("heading", { level: 3 }).first();
    expect(await visibleText(release)).toMatch(/^0\.3\.0\s+spec v1\.4\.0$/);
    expect(await visibleText(client)).toContain("Adds listCars, with the make filter");
    expect(await visibleText(page.locator("#leadkit-showroom-types"))).toBe("@leadkit/showroom-types");
    // Raw HTML in a changelog is text.
    expect(await visibleText(client)).toContain("<script>alert(1)</script>");
    // Its code is highlighted and copies like the landing page's.
    const block = client.locator(".code").first();
    expect((await tokenColours(block)).length).toBeGreaterThanOrEqual(3);
    expect(await copyFrom(page, block)).toBe('const cars = await client.listCars({ make: "Audi" });');
    await page.screenshot({ path: join(SCREENSHOTS, "changelog-released.png"), fullPage: true });
    expectClean(page);
    await page.close();
  });

  it("say so before the first release instead of being missing", async () => {
    const page = await browser.newPage();
    await page.goto(site.url, { waitUntil: "load" });
    await page.locator("#api-garage .actions").getByRole("link", { name: "changelog" }).click();
    await page.waitForURL(`${site.url}garage/changelog.html`);
    const main = await visibleText(page.locator("main"));
    expect(main).toContain("No release yet");
    expect(main).toContain("@leadkit/garage-types 0.3.0 has not been released yet.");
    expect(await visibleText(page.locator("header"))).toContain("built from spec v2.0.1 today");
    await page.screenshot({ path: join(SCREENSHOTS, "changelog-unreleased.png"), fullPage: true });
    expectClean(page);
    await page.close();
  });

  it("exist for every API of the built site", async () => {
    const page = await browser.newPage();
    for (const api of apis) {
      await page.goto(`${server.url}${api.name}/changelog.html`, { waitUntil: "load" });
      expect(await page.title()).toBe(`${api.title} changelog · leadkit`);
      const released = [api.clientPackage, api.typesPackage].some((info) => info?.changelog !== undefined);
      expect(await visibleText(page.locator("main"))).toContain(
        released ? (api.clientPackage ?? api.typesPackage).name : "No release yet",
      );
    }
    expectClean(page);
    await page.close();
  });
});

describe("the whole run", () => {
  it("left 127.0.0.1 for nothing and logged no console error", () => {
    expect(browser.recorded.requests.length).toBeGreaterThan(0);
    expect(offHostRequests(browser.recorded.requests)).toEqual([]);
    expect(browser.recorded.consoleErrors).toEqual([]);
  });
});
