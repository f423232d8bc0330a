// Debian's Chromium driven by playwright-core (playwright cannot download browsers here), with a
// recorder of every request and console message, so a test can fail on anything leaving
// 127.0.0.1 and on any console error.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

/** How long a poll of the page waits for what it expects; it returns as soon as it holds. */
export const POLL_MS = 60_000;

export const CHROMIUM = process.env.LEADKIT_CHROMIUM ?? "/usr/bin/chromium";

/** The flags docs/README.md lists: headless, no sandbox (root in CI), no background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      [
        `Chromium not found at ${CHROMIUM}; the docs browser tests need a real browser.`,
        "Install Debian's Chromium: apt-get update && apt-get install -y chromium",
        "(CI's .ci/run does this), or point LEADKIT_CHROMIUM at a Chromium binary.",
      ].join("\n"),
    );
  }
}

export interface Recorded {
  readonly requests: string[];
  readonly consoleErrors: string[];
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page & { recorded: Recorded }>;
  /** Every request and console error of every page opened so far. */
  readonly recorded: Recorded;
  close(): Promise<void>;
}

/** Requests to any host other than 127.0.0.1 (data: and blob: URLs are local). */
export function offHostRequests(requests: readonly string[]): string[] {
  return requests.filter((url) => {
    if (url.startsWith("data:") || url.startsWith("blob:")) return false;
    try {
      return new URL(url).hostname !== "127.0.0.1";
    } catch {
      return true;
    }
  });
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), "leadkit-docs-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  // Playwright's 30 s default is a limit, not a goal: CI runs this beside the install- and
  // build-heavy suites on two cores, where Redoc's hydration alone has taken longer.
  context.setDefaultTimeout(120_000);
  const recorded: Recorded = { requests: [], consoleErrors: [] };
  // Anything not bound for 127.0.0.1 is recorded and then aborted, so a stray load can neither
  // reach the network nor hang a test.
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => route.abort("blockedbyclient"),
  );
  for (const page of context.pages()) await page.close();
  return {
    context,
    recorded,
    async newPage() {
      const page = await context.newPage();
      const own: Recorded = { requests: [], consoleErrors: [] };
      page.on("request", (request) => {
        own.requests.push(request.url());
        recorded.requests.push(request.url());
      });
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = `${page.url()}: ${message.text()}`;
        own.consoleErrors.push(text);
        recorded.consoleErrors.push(text);
      });
      page.on("pageerror", (error) => {
        const text = `${page.url()}: uncaught ${error.message}`;
        own.consoleErrors.push(text);
        recorded.consoleErrors.push(text);
      });
      return Object.assign(page, { recorded: own });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Redoc has hydrated the prerendered page once its search box is ready ("Loading..." before). */
export async function waitForRedoc(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector(".menu-content")?.textContent?.includes("Search"));
}

/** The text a reader sees (laid out, hidden elements left out), which textContent is not. */
export function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is tested
  return locator.innerText();
}
