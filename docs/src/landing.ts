// The site's own pages: the landing page (one card per API) and each API's changelog page.
// Plain HTML and one small stylesheet (assets/site.css); no script, no web font.
import { Marked } from "marked";
import { escapeHtml as e, plural } from "./html.js";
import type { ApiDoc, McpDoc, PackageInfo, Site } from "./site.js";

/** Markdown for the changelogs; raw HTML in them is shown as text, never run. */
const markdown = new Marked({ gfm: true, renderer: { html: ({ text }) => e(text) } });

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
</body>
</html>
`;
}

function installLine(info: PackageInfo): string {
  return `npm install ${info.name}`;
}

function packageRow(info: PackageInfo, role: string, changelogHref: string | undefined): string {
  return `<li class="package">
          <p><code class="package-name">${e(info.name)}</code> <span class="muted">${e(info.version)} · ${e(role)}</span>${
            changelogHref === undefined ? "" : ` · <a href="${changelogHref}">changelog</a>`
          }</p>
          ${info.description === undefined ? "" : `<p class="muted">${e(info.description)}</p>`}
          <pre class="install"><code>${e(installLine(info))}</code></pre>
        </li>`;
}

function packageAnchor(info: PackageInfo): string {
  return info.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
}

/** The MCP server: the client configuration, and a tool call (request and result) folded away. */
function mcpSection(mcp: McpDoc): string {
  const call =
    mcp.call === undefined
      ? ""
      : `\n        <details><summary>A tool call: what the assistant sends, what it gets back</summary>\n        <pre class="usage"><code>${e(mcp.call[0])}</code></pre>\n        <pre class="usage"><code>${e(mcp.call[1])}</code></pre>\n        </details>`;
  return `\n        <h4>In an AI assistant (MCP)</h4>\n        <pre class="usage"><code>${e(mcp.config)}</code></pre>${call}`;
}

function card(api: ApiDoc): string {
  const id = `api-${api.name}`;
  const packages: Array<[PackageInfo, string]> = [];
  if (api.clientPackage !== undefined) packages.push([api.clientPackage, "typed client"]);
  if (api.mcp !== undefined) packages.push([api.mcp.package, "MCP server for AI assistants"]);
  packages.push([api.typesPackage, "types and the bundled spec"]);
  const changelogHref = (info: PackageInfo) =>
    info.changelog === undefined ? undefined : `${api.name}/changelog.html#${packageAnchor(info)}`;
  const operations = api.operations
    .map(
      (
        operation,
      ) => `<li><span class="method method-${operation.method}">${operation.method.toUpperCase()}</span>
            <code>${e(operation.path)}</code> <span>${e(operation.summary ?? operation.operationId)}</span>
            <code class="muted">${e(operation.operationId)}</code></li>`,
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
        </p>
        <h4>Packages</h4>
        <ul class="packages">
        ${packages.map(([info, role]) => packageRow(info, role, changelogHref(info))).join("\n        ")}
        </ul>
        <h4>Usage</h4>
        <pre class="usage"><code>${e(api.usage.code)}</code></pre>${
          api.validation === undefined
            ? ""
            : `\n        <h4>Validate before sending</h4>\n        <pre class="usage"><code>${e(api.validation)}</code></pre>`
        }${api.mcp === undefined ? "" : mcpSection(api.mcp)}
      </article>
    </li>`;
}

export function renderLanding(site: Site): string {
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
    ${site.apis.map(card).join("\n    ")}
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

/** Each package's CHANGELOG.md of one API, rendered on one page; undefined when none exists. */
export function renderChangelog(api: ApiDoc): string | undefined {
  const packages = [api.clientPackage, api.typesPackage].filter(
    (info): info is PackageInfo => info?.changelog !== undefined,
  );
  if (packages.length === 0) return undefined;
  const sections = packages
    .map((info) => {
      // Each file opens with `# <package name>`; our section heading says that already.
      const source = (info.changelog ?? "").replace(/^#\s+.*\n/, "");
      return `<section aria-labelledby="${packageAnchor(info)}" class="changelog">
    <h2 id="${packageAnchor(info)}"><code>${e(info.name)}</code></h2>
    ${markdown.parse(source, { async: false })}
  </section>`;
    })
    .join("\n  ");
  return page({
    title: `${api.title} changelog · leadkit`,
    description: `Release notes of the ${api.title} packages.`,
    base: "../",
    body: `<header class="hero hero-small">
  <div class="wrap">
    <p class="brand"><a href="../">leadkit API docs</a></p>
    <h1>${e(api.title)} changelog</h1>
    <p><a href="./">API reference</a></p>
  </div>
</header>
<main id="main" class="wrap">
  ${sections}
</main>`,
  });
}
