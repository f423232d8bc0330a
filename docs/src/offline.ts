// Keeps every page of the site self-contained: nothing it loads (script, style, font, image,
// worker) may come from another host. `redocly build-docs --inlineBundle` embeds Redoc itself but
// still points a logo and an icon set at Redocly's CDN; `makeOffline` rewrites those, and
// `findExternalLoads` is the tripwire the build and the tests share for anything else.

/** Hosts that only serve assets: any mention of them in a page is a load, never a link. */
const ASSET_HOSTS = [
  "cdn.redoc.ly",
  "cdn.redocly.com",
  "unpkg.com",
  "cdn.jsdelivr.net",
  "cdnjs.cloudflare.com",
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "esm.sh",
];

/** The attribution logo Redoc shows under the sidebar ("API docs by <logo>"), drawn locally. */
function wordmark(width: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><text x="0" y="12.5" font-family="system-ui,sans-serif" font-size="12" font-weight="600" fill="#5b5f6b">${width > 30 ? "Redocly" : "R"}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** What `build-docs` output points at another host, and what it gets instead. */
const REWRITES: ReadonlyArray<readonly [pattern: RegExp, replacement: string, why: string]> = [
  [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g, wordmark(56), "Redocly attribution logo"],
  [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g, wordmark(10), "Redocly attribution logo (collapsed)"],
  // Base URLs of Redoc's CDN icon packs (`url(${base}/regular/${name}.svg)` as a CSS mask). The
  // references use none of them; a `data:` base keeps any that Redoc might draw from the network.
  [/https:\/\/cdn\.redocly\.com\/icons\/[a-z-]+\/[0-9.]+/g, "data:,", "Redoc CDN icon packs"],
];

export interface ExternalLoad {
  /** Where the URL sits: an HTML attribute, CSS `url()`, a module import, or an asset host. */
  readonly kind: string;
  readonly url: string;
  /** A few characters around it, to find it in the page. */
  readonly context: string;
}

/** Rewrites the external loads that `redocly build-docs --inlineBundle` is known to emit. */
export function makeOffline(html: string): string {
  let result = html;
  for (const [pattern, replacement] of REWRITES) result = result.replace(pattern, replacement);
  return result;
}

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** Whether loading `url` would reach another host (not 127.0.0.1 or localhost). */
export function isExternal(url: string): boolean {
  const value = url.trim();
  if (!ABSOLUTE.test(value)) return false;
  try {
    const parsed = new URL(value, "http://127.0.0.1/");
    return parsed.hostname !== "127.0.0.1" && parsed.hostname !== "localhost";
  } catch {
    return true;
  }
}

function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 60), index + 100).replace(/\s+/g, " ");
}

/**
 * Every URL on another host that the page would load: `src`/`srcset`/`poster`/`data` attributes,
 * `<link href>` (stylesheets, preloads, icons), CSS `url()` and `@import`, module imports and
 * workers in scripts, and any mention of an asset-only host. `<a href>` links to other sites
 * (a license, the vendor) are navigation the reader chooses, not loads, and are allowed.
 */
export function findExternalLoads(html: string): ExternalLoad[] {
  const found: ExternalLoad[] = [];
  const add = (kind: string, url: string, index: number, text: string) =>
    found.push({ kind, url, context: around(text, index) });

  const scripts: string[] = [];
  const markup = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (_all, attributes: string, body) => {
    scripts.push(body as string);
    return `<script${attributes}></script>`;
  });

  for (const tag of markup.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const name = (tag[1] as string).toLowerCase();
    const attributes = tag[2] as string;
    for (const attribute of attributes.matchAll(/\s([a-z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      const key = (attribute[1] as string).toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? "";
      const loads =
        ["src", "poster", "data", "background", "action", "formaction"].includes(key) ||
        (key === "href" && !["a", "area"].includes(name)) ||
        (key === "xlink:href" && name !== "a");
      if (loads && isExternal(value)) add(`<${name} ${key}>`, value, tag.index ?? 0, markup);
      if (key === "srcset") {
        for (const candidate of value.split(",")) {
          const url = candidate.trim().split(/\s+/)[0] ?? "";
          if (isExternal(url)) add(`<${name} srcset>`, url, tag.index ?? 0, markup);
        }
      }
    }
  }

  for (const text of [markup, ...scripts]) {
    for (const match of text.matchAll(/url\(\s*(['"]?)([^'")\s]+)\1\s*\)/gi)) {
      if (isExternal(match[2] as string)) add("css url()", match[2] as string, match.index ?? 0, text);
    }
    for (const match of text.matchAll(/@import\s+(?:url\()?\s*['"]([^'"]+)['"]/gi)) {
      if (isExternal(match[1] as string)) add("css @import", match[1] as string, match.index ?? 0, text);
    }
  }

  for (const script of scripts) {
    for (const match of script.matchAll(
      /(?:\bimport\s*\(?|\bfrom|\bimportScripts\s*\(|\bnew\s+(?:Shared)?Worker\s*\()\s*["'`]((?:https?:)?\/\/[^"'`]+)["'`]/g,
    )) {
      add("script import", match[1] as string, match.index ?? 0, script);
    }
  }

  for (const text of [markup, ...scripts]) {
    for (const match of text.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})(?=[/"'`)\s?#]|$)/gi)) {
      const host = (match[1] as string).toLowerCase();
      if (ASSET_HOSTS.some((asset) => host === asset || host.endsWith(`.${asset}`))) {
        add("asset host", match[0], match.index ?? 0, text);
      }
    }
  }

  const seen = new Set<string>();
  return found.filter((load) => {
    const key = `${load.kind} ${load.url} ${load.context}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A readable list of external loads, for build errors and test failures. */
export function formatExternalLoads(page: string, loads: readonly ExternalLoad[]): string {
  return [
    `${page} loads ${loads.length} resource(s) from another host; the docs must work offline:`,
    ...loads.map((load) => `  ${load.kind}  ${load.url}\n      …${load.context}…`),
    "Fix: add a rewrite for it to docs/src/offline.ts (REWRITES), or remove it from the template.",
  ].join("\n");
}
