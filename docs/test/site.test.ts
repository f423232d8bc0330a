// The docs build on a fixture workspace of three made-up APIs: the site follows redocly.yaml's
// `apis:` and knows no API by name.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build.js";
import { findExternalLoads } from "../src/offline.js";
import { resolveInside } from "../src/server.js";
import { fixtureWorkspace, listFiles, type TempWorkspace } from "./helpers/workspace.js";

let workspace: TempWorkspace;
let outDir: string;

beforeAll(async () => {
  workspace = await fixtureWorkspace();
  outDir = join(workspace.root, "site");
  await buildSite({ root: workspace.root, outDir });
});
afterAll(() => workspace?.cleanup());

const read = (path: string) => readFileSync(join(outDir, path), "utf8");

describe("buildSite on a workspace with three other APIs", () => {
  it("writes a landing page, and per API a reference with the spec downloads next to it", () => {
    expect(listFiles(outDir)).toEqual([
      "assets/site.css",
      "favicon.svg",
      "garage/index.html",
      "garage/openapi.json",
      "garage/openapi.yaml",
      "index.html",
      "parts-depot/index.html",
      "parts-depot/openapi.json",
      "parts-depot/openapi.yaml",
      "showroom/changelog.html",
      "showroom/index.html",
      "showroom/openapi.json",
      "showroom/openapi.yaml",
    ]);
    for (const api of ["showroom", "garage", "parts-depot"]) {
      for (const file of ["openapi.json", "openapi.yaml"]) {
        expect(read(`${api}/${file}`)).toBe(
          readFileSync(join(workspace.root, "packages", `${api}-types`, "spec", file), "utf8"),
        );
      }
    }
  });

  it("gives every API a card with its version, endpoints, links, packages and usage", () => {
    const landing = read("index.html");
    expect(landing.match(/<li class="card"/g)).toHaveLength(3);
    expect(landing).toContain("3 APIs");
    for (const [api, title, version] of [
      ["showroom", "Showroom API", "1.4.0"],
      ["garage", "Garage API", "2.0.1"],
      ["parts-depot", "Parts Depot API", "0.9.0"],
    ] as const) {
      expect(landing).toContain(`<a href="${api}/">${title}</a>`);
      expect(landing).toContain(`spec v${version}`);
      expect(landing).toContain(`href="${api}/openapi.yaml" download`);
      expect(landing).toContain(`npm install @leadkit/${api}-types`);
    }
    expect(landing).toContain("2 endpoints");
    expect(landing).toContain("2 inferred facts, marked in the reference");
    // The showroom has a client package: its card lists it, with its changelog, and shows its
    // README's examples: the first one as the usage, the one under "## Validation" below it.
    expect(landing).toContain("npm install @leadkit/showroom</code>");
    expect(landing).toContain("const showroom = createShowroomClient(");
    expect(landing).toContain(
      '<h4>Validate before sending</h4>\n        <pre class="usage"><code>import { bookTestDriveBody } from &quot;@leadkit/showroom-types/validate&quot;;',
    );
    expect(landing).not.toContain("not the validation example");
    expect(landing.match(/Validate before sending/g)).toHaveLength(1);
    expect(landing).toContain('href="showroom/changelog.html#leadkit-showroom"');
    // ...and an MCP package: its card lists it, with its README's client configuration and tool call.
    expect(landing).toContain("npm install @leadkit/showroom-mcp</code>");
    expect(landing).toContain(
      '<h4>In an AI assistant (MCP)</h4>\n        <pre class="usage"><code>{ &quot;mcpServers&quot;: { &quot;showroom&quot;: { &quot;command&quot;: &quot;npx&quot;, &quot;args&quot;: [&quot;-y&quot;, &quot;@leadkit/showroom-mcp&quot;] } } }</code></pre>',
    );
    expect(landing).toContain("<details><summary>A tool call");
    expect(landing).toContain("{ &quot;name&quot;: &quot;listCars&quot;, &quot;arguments&quot;: {} }");
    expect(landing.match(/In an AI assistant/g)).toHaveLength(1);
    // Without a client, the usage example uses what the types package really exports.
    expect(landing).toContain(
      "import type { BookRepairRequestBody, BookRepairResponse } from &quot;@leadkit/garage-types&quot;;",
    );
  });

  it("renders a changelog to HTML, raw HTML in it as text", () => {
    const changelog = read("showroom/changelog.html");
    expect(changelog).toContain("<h2>0.3.0</h2>");
    expect(changelog).toContain("Adds <code>listCars</code>");
    expect(changelog).not.toContain("<script>");
    expect(changelog).toContain("&lt;script&gt;");
  });

  it("makes self-contained pages: nothing loaded from another host, Redoc inlined, telemetry off", () => {
    for (const file of listFiles(outDir).filter((path) => path.endsWith(".html"))) {
      expect(findExternalLoads(read(file)), file).toEqual([]);
    }
    const reference = read("showroom/index.html");
    expect(reference).toContain('"disableTelemetry":true');
    expect(reference).toContain("hydrate(__redoc_definition");
    expect(reference).toContain('<a href="../">leadkit API docs</a>');
    expect(reference).toContain("<title>Showroom API reference · leadkit</title>");
  });

  it("builds only the APIs asked for", async () => {
    const subset = join(workspace.root, "subset");
    const result = await buildSite({ root: workspace.root, outDir: subset, apis: ["garage"] });
    expect(result.site.apis.map((api) => api.name)).toEqual(["garage"]);
    expect(readdirSync(subset).sort()).toEqual(["assets", "favicon.svg", "garage", "index.html"]);
  });

  it("fails on an unknown API with the known list", async () => {
    await expect(
      buildSite({ root: workspace.root, outDir: join(workspace.root, "x"), apis: ["nope"] }),
    ).rejects.toThrow(/Unknown API `nope`/);
  });
});

describe("the docs source", () => {
  it("names no API: the list comes from redocly.yaml", () => {
    const src = new URL("../src/", import.meta.url).pathname;
    for (const file of listFiles(src)) {
      expect(readFileSync(join(src, file), "utf8"), file).not.toMatch(/dealer-studio|dealer studio|drivly/i);
    }
  });
});

describe("resolveInside", () => {
  it.each<[string, { given: string; want: string | undefined }]>([
    ["a file", { given: "/a/index.html", want: "/site/a/index.html" }],
    ["the root", { given: "/", want: "/site" }],
    ["an escape", { given: "/../etc/passwd", want: "/site/etc/passwd" }],
    ["an encoded escape", { given: "/%2e%2e/%2e%2e/etc/passwd", want: "/site/etc/passwd" }],
    ["a NUL byte", { given: "/a%00b", want: undefined }],
  ])("%s", (_name, { given, want }) => expect(resolveInside("/site", given)).toBe(want));
});
