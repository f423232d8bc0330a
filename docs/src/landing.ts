// The site's own pages: the landing page (one card per API) and each API's changelog page.
// Plain HTML, one small stylesheet (assets/site.css), code highlighted at build time (code.ts)
// and one inline script, for the copy buttons; no web font, nothing loaded from elsewhere.
import { Marked, type Tokens } from "marked";
import { COPY_SCRIPT, type CodeRenderer } from "./code.js";
import { escapeHtml as e, plural } from "./html.js";
import type { ApiDoc, McpDoc, PackageInfo, Site } from "./site.js";

function page(options: { title: string; description: string; base: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${e(options.title)}</title>
  <meta name="description" content="${e(options.description)}">
  <link rel="icon" href="${options.base}favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="${options.base}assets/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${options.body}
<footer class="site-footer">
  <div class="wrap">
    <p>Built by <code>@leadkit/docs</code> from the APIs listed in <code>redocly.yaml</code>. Every page works offline.</p>
  </div>
</footer>
${COPY_SCRIPT}
</body>
</html>
`;
}

function installLine(info: PackageInfo): string {
  return `npm install ${info.name}`;
}

function packageRow(
  code: CodeRenderer,
  info: PackageInfo,
  role: string,
  changelogHref: string | undefined,
): string {
  return `<li class="package">
          <p><code class="package-name">${e(info.name)}</code> <span class="muted">${e(info.version)} · ${e(role)}</span>${
            changelogHref === undefined ? "" : ` · <a href="${changelogHref}">changelog</a>`
          }</p>
          ${info.description === undefined ? "" : `<p class="muted">${e(info.description)}</p>`}
          ${code.block({ code: installLine(info), lang: "sh" })}
        </li>`;
}

/** The API's published packages, in the order a reader needs them. */
function apiPackages(api: ApiDoc): Array<[PackageInfo, string]> {
  const packages: Array<[PackageInfo | undefined, string]> = [
    [api.clientPackage, "typed client"],
    [api.typesPackage, "types and the bundled spec"],
    [api.mockPackage, "test kit: validating mock server, MSW handlers, CLI"],
    [api.mcpPackage, "MCP server for AI assistants"],
  ];
  return packages.filter((entry): entry is [PackageInfo, string] => entry[0] !== undefined);
}

function packageAnchor(info: PackageInfo): string {
  return info.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
}

/** The MCP server: the client configuration, and a tool call (request and result) folded away. */
function mcpSection(mcp: McpDoc, code: CodeRenderer): string {
  const call =
    mcp.call === undefined
      ? ""
      : `\n        <details><summary>A tool call: what the assistant sends, what it gets back</summary>\n        ${code.block({ code: mcp.call[0], lang: "json", label: "tools/call" })}\n        ${code.block({ code: mcp.call[1], lang: "json", label: "result" })}\n        </details>`;
  return `\n        <h4>In an AI assistant (MCP)</h4>\n        ${code.block({ code: mcp.config, lang: "json", label: mcp.package.name, wrap: true })}${call}`;
}

function card(api: ApiDoc, code: CodeRenderer): string {
  const id = `api-${api.name}`;
  const packages = apiPackages(api);
  const changelogHref = (info: PackageInfo) =>
    info.changelog === undefined ? undefined : `${api.name}/changelog.html#${packageAnchor(info)}`;
  const operations = api.operations
    .map(
      (
        operation,
      ) => `<li><span class="method method-${operation.method}">${operation.method.toUpperCase()}</span>
            <code>${e(operation.path)}</code> <span>${e(operation.summary ?? operation.name)}</span>
            <code class="muted">${e(operation.name)}</code></li>`,
    )
    .join("\n          ");
  return `<li class="card" id="${id}">
      <article aria-labelledby="${id}-title">
        <h3 id="${id}-title"><a href="${api.name}/">${e(api.title)}</a></h3>
        <p class="facts">
          <span class="badge" title="info.version of the spec">spec v${e(api.version)}</span>
          <span>${plural(api.operations.length, "endpoint")}</span>
          <span>${plural(api.inferredCount, "inferred fact")}, marked in the reference</span>
        </p>
        <p>${e(api.summary)}</p>
        <ul class="operations" aria-label="Endpoints of ${e(api.title)}">
          ${operations}
        </ul>
        <p class="actions">
          <a class="button" href="${api.name}/">API reference</a>
          <a href="${api.name}/openapi.yaml" download>openapi.yaml</a>
          <a href="${api.name}/openapi.json" download>openapi.json</a>
          <a href="${api.name}/changelog.html">changelog</a>
        </p>
        <h4>Packages</h4>
        <ul class="packages">
        ${packages.map(([info, role]) => packageRow(code, info, role, changelogHref(info))).join("\n        ")}
        </ul>
        <h4>Usage</h4>
        ${code.block({ code: api.usage.code, lang: "ts", label: api.usage.packageName, wrap: true })}${
          api.validation === undefined
            ? ""
            : `\n        <h4>Validate before sending</h4>\n        ${code.block({ code: api.validation, lang: "ts", label: `${api.typesPackage.name}/validate`, wrap: true })}`
        }${
          api.testing === undefined
            ? ""
            : `\n        <h4>Test your integration</h4>\n        ${code.block({ code: api.testing, lang: "ts", label: api.mockPackage?.name ?? api.usage.packageName, wrap: true })}`
        }${api.mcp === undefined ? "" : mcpSection(api.mcp, code)}
      </article>
    </li>`;
}

export function renderLanding(site: Site, code: CodeRenderer): string {
  const count = site.apis.length;
  return page({
    title: "leadkit API docs",
    description: "API references, specs and typed TypeScript SDKs for automotive lead APIs.",
    base: "",
    body: `<header class="hero">
  <div class="wrap">
    <p class="brand">leadkit</p>
    <h1>API docs for automotive lead APIs</h1>
    <p class="lead">The vendors document these APIs only as web pages. leadkit turns each page into a
    hand-authored OpenAPI 3.1 spec and generates everything else from it: TypeScript types, a typed
    client, and the references below.</p>
  </div>
</header>
<main id="main" class="wrap">
  <section aria-labelledby="apis-heading">
    <h2 id="apis-heading">${plural(count, "API")}</h2>
    <ul class="cards">
    ${site.apis.map((api) => card(api, code)).join("\n    ")}
    </ul>
  </section>
  <section aria-labelledby="sources-heading" class="notes">
    <h2 id="sources-heading">What is documented, what is inferred</h2>
    <p>Each spec says what the vendor documents and marks what leadkit inferred. In a reference, an
    inferred fact carries a <strong>source: inferred</strong> badge and a sentence starting with
    <strong>Inferred:</strong> that says what was assumed and why.</p>
  </section>
</main>`,
  });
}

const SPEC_LINE = /^Generated from `([^`]+)` info\.version (\S+) \(([^)]*)\)\.$/;

/**
 * The spec version of each release of a CHANGELOG.md, from the line `version-packages` writes
 * under its heading (tools/release: "Generated from `specs/<api>/openapi.yaml` info.version X
 * (...)."); releases made before that line existed have none.
 */
export function releaseSpecVersions(changelog: string): Map<string, string> {
  const versions = new Map<string, string>();
  let release: string | undefined;
  for (const line of changelog.split("\n")) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading?.[1] !== undefined) release = heading[1];
    const spec = SPEC_LINE.exec(line.trim());
    if (release !== undefined && spec?.[2] !== undefined && !versions.has(release))
      versions.set(release, spec[2]);
  }
  return versions;
}

/** One package's CHANGELOG.md as HTML: releases as h3 with their spec version, code highlighted, raw HTML as text. */
function renderPackageChangelog(changelog: string, code: CodeRenderer): string {
  const specVersions = releaseSpecVersions(changelog);
  const markdown = new Marked({
    gfm: true,
    renderer: {
      // Raw HTML in a changelog is shown as text, never run.
      html: ({ text }) => e(text),
      code: ({ text, lang }: Tokens.Code) => code.block({ code: text, lang: lang || undefined }),
      heading({ tokens, depth, text }: Tokens.Heading) {
        // The package's name is the section's h2 already: each level moves one down.
        const level = Math.min(depth + 1, 6);
        const spec = depth === 2 ? specVersions.get(text.trim()) : undefined;
        const badge =
          spec === undefined
            ? ""
            : ` <span class="badge" title="info.version of the spec this release was generated from">spec v${e(spec)}</span>`;
        return `<h${level}>${this.parser.parseInline(tokens)}${badge}</h${level}>\n`;
      },
    },
  });
  // Each file opens with `# <package name>`; the section heading says that already.
  return markdown.parse(changelog.replace(/^#\s+.*\n/, ""), { async: false });
}

/**
 * The changelog page of one API: each of its packages' CHANGELOG.md, with the spec version of
 * each release; before the first release (no CHANGELOG.md yet) it says so.
 */
export function renderChangelog(api: ApiDoc, code: CodeRenderer): string {
  const packages = apiPackages(api).map(([info]) => info);
  const released = packages.filter((info) => info.changelog !== undefined);
  const names = (list: readonly PackageInfo[]) =>
    list.map((info) => `<code>${e(info.name)}</code> ${e(info.version)}`).join(", ");
  const sections =
    released.length === 0
      ? `<section class="changelog" aria-labelledby="no-release">
    <h2 id="no-release">No release yet</h2>
    <p>${names(packages)} ${packages.length === 1 ? "has" : "have"} not been released yet. From the
    first release on, this page lists every release with the spec version it was generated from.</p>
  </section>`
      : released
          .map(
            (info) => `<section aria-labelledby="${packageAnchor(info)}" class="changelog">
    <h2 id="${packageAnchor(info)}"><code>${e(info.name)}</code></h2>
    ${renderPackageChangelog(info.changelog ?? "", code)}
  </section>`,
          )
          .join("\n  ");
  const unreleased = released.length > 0 ? packages.filter((info) => info.changelog === undefined) : [];
  return page({
    title: `${api.title} changelog · leadkit`,
    description: `Release notes of the ${api.title} packages.`,
    base: "../",
    body: `<header class="hero hero-small">
  <div class="wrap">
    <p class="brand"><a href="../">leadkit API docs</a></p>
    <h1>${e(api.title)} changelog</h1>
    <p><a href="./">API reference</a> · the packages are built from spec v${e(api.version)} today</p>
  </div>
</header>
<main id="main" class="wrap">
  ${sections}${
    unreleased.length === 0
      ? ""
      : `
  <p class="muted">Not released yet: ${names(unreleased)}.</p>`
  }
</main>`,
  });
}
