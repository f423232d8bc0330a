// The docs build on a fixture workspace of three made-up APIs: the site follows redocly.yaml's
// `apis:` and knows no API by name.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annotateChangelog, specLine } from "../../tools/release/src/version.js";
import { buildSite } from "../src/build.js";
import { releaseSpecVersions } from "../src/landing.js";
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
/** The text of some HTML, tags dropped and entities decoded (enough for these pages). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/\s*\n\s*/g, "\n")
    .replace(/&(#x26|amp);/g, "&")
    .replace(/&(quot|#34);/g, '"')
    .replace(/&(lt|#60);/g, "<")
    .replace(/&(gt|#62);/g, ">")
    .replace(/&(#39|#x27);/g, "'");

describe("buildSite on a workspace with three other APIs", () => {
  it("writes a landing page, and per API a reference with the spec downloads next to it", () => {
    expect(listFiles(outDir)).toEqual([
      "assets/site.css",
      "favicon.svg",
      "garage/changelog.html",
      "garage/index.html",
      "garage/openapi.json",
      "garage/openapi.yaml",
      "index.html",
      "parts-depot/changelog.html",
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
      expect(text(landing)).toContain(`npm install @leadkit/${api}-types`);
    }
    expect(landing).toContain("2 endpoints");
    expect(landing).toContain("2 inferred facts, marked in the reference");
    // The showroom has a client package: its card lists it, with its changelog, and shows its
    // README's examples: the first one as the usage, the one under "## Validation" below it.
    expect(text(landing)).toMatch(/npm install @leadkit\/showroom(?!-)/);
    expect(text(landing)).toContain("const showroom = createShowroomClient(");
    expect(text(landing)).toContain(
      'Validate before sending\n@leadkit/showroom-types/validate\nimport { bookTestDriveBody } from "@leadkit/showroom-types/validate";',
    );
    expect(landing).not.toContain("not the validation example");
    expect(landing.match(/Validate before sending/g)).toHaveLength(1);
    expect(landing).toContain('href="showroom/changelog.html#leadkit-showroom"');
    // Every card links its changelog page, released or not.
    for (const api of ["showroom", "garage", "parts-depot"])
      expect(landing).toContain(`<a href="${api}/changelog.html">changelog</a>`);
    // ...its mock package, and its README's "Test your integration" example.
    expect(text(landing)).toContain("npm install @leadkit/showroom-mock");
    expect(text(landing)).toContain(
      "Test your integration\n@leadkit/showroom-mock\nconst mock = await startShowroomMock();",
    );
    expect(landing.match(/Test your integration/g)).toHaveLength(1);
    // ...and an MCP package: its card lists it, with its README's client configuration and tool call.
    expect(text(landing)).toContain("npm install @leadkit/showroom-mcp");
    expect(text(landing)).toContain(
      'In an AI assistant (MCP)\n@leadkit/showroom-mcp\n{ "mcpServers": { "showroom": { "command": "npx", "args": ["-y", "@leadkit/showroom-mcp"] } } }',
    );
    expect(landing).toContain("<details><summary>A tool call");
    expect(text(landing)).toContain('{ "name": "listCars", "arguments": {} }');
    expect(landing.match(/In an AI assistant/g)).toHaveLength(1);
    // Without a client, the usage example uses what the types package really exports.
    expect(text(landing)).toContain(
      'import type { BookRepairRequestBody, BookRepairResponse } from "@leadkit/garage-types";',
    );
  });

  it("highlights code at build time, with a copy button and no script but its own", () => {
    const landing = read("index.html");
    // shiki's inline colours: `import` as a keyword, the package name as a string.
    expect(landing).toMatch(/<span style="color:#[0-9A-F]{6}">import<\/span>/);
    expect(landing).toMatch(/<span style="color:#[0-9A-F]{6}"> "@leadkit\/showroom"<\/span>/);
    const blocks = landing.match(/<div class="code[ "]/g) ?? [];
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(landing.match(/<button type="button" class="copy" data-copy hidden>Copy<\/button>/g)).toHaveLength(
      blocks.length,
    );
    expect(landing.match(/<script\b/g)).toHaveLength(1);
    expect(landing).not.toMatch(/<script[^>]+src=/);
  });

  it("renders a changelog to HTML with each release's spec version, raw HTML in it as text", () => {
    const changelog = read("showroom/changelog.html");
    expect(changelog).toContain(
      '<h3>0.3.0 <span class="badge" title="info.version of the spec this release was generated from">spec v1.4.0</span></h3>',
    );
    // A release from before the tooling recorded the spec version has no badge.
    expect(changelog).toContain("<h3>0.2.0</h3>");
    expect(changelog).toContain("Adds <code>listCars</code>");
    expect(changelog).toContain('<h2 id="leadkit-showroom-types"><code>@leadkit/showroom-types</code></h2>');
    // Its code is highlighted like the landing page's, with a copy button.
    expect(changelog).toMatch(/<span style="color:#[0-9A-F]{6}">listCars<\/span>/);
    expect(changelog).toContain('class="copy" data-copy hidden');
    expect(changelog.match(/<script\b/g)).toHaveLength(1);
    expect(changelog).toContain("&lt;script&gt;");
  });

  it("says so on the changelog page of an API not released yet", () => {
    const changelog = read("garage/changelog.html");
    expect(changelog).toContain("<h1>Garage API changelog</h1>");
    expect(changelog).toContain('<h2 id="no-release">No release yet</h2>');
    expect(text(changelog)).toContain("@leadkit/garage-types 0.3.0 has not been released yet.");
    expect(text(changelog)).toContain("built from spec v2.0.1 today");
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
    expect(readdirSync(join(subset, "garage")).sort()).toEqual([
      "changelog.html",
      "index.html",
      "openapi.json",
      "openapi.yaml",
    ]);
  });

  it("fails on an unknown API with the known list", async () => {
    await expect(
      buildSite({ root: workspace.root, outDir: join(workspace.root, "x"), apis: ["nope"] }),
    ).rejects.toThrow(/Unknown API `nope`/);
  });
});

describe("releaseSpecVersions", () => {
  it("reads the spec version line `pnpm version-packages` (tools/release) writes under each release", () => {
    let changelog =
      "# @leadkit/x\n\n## 1.2.0\n\n### Minor Changes\n\n- b\n\n## 1.1.0\n\n- a\n\n## 1.0.0\n\n- first\n";
    changelog = annotateChangelog(changelog, "1.2.0", specLine("specs/x/openapi.yaml", "2.3.0", "2.2.0"));
    changelog = annotateChangelog(changelog, "1.1.0", specLine("specs/x/openapi.yaml", "2.2.0", "2.2.0"));
    expect(releaseSpecVersions(changelog)).toEqual(
      new Map([
        ["1.2.0", "2.3.0"],
        ["1.1.0", "2.2.0"],
      ]),
    );
    const first = annotateChangelog(changelog, "1.0.0", specLine("specs/x/openapi.yaml", "2.0.0", undefined));
    expect(releaseSpecVersions(first).get("1.0.0")).toBe("2.0.0");
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
