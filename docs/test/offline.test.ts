import { describe, expect, it } from "vitest";
import { findExternalLoads, makeOffline } from "../src/offline.js";

const loads = (html: string) => findExternalLoads(html).map((load) => `${load.kind} ${load.url}`);

describe("findExternalLoads", () => {
  it.each<[string, { given: string; want: string[] }]>([
    [
      "build-docs' default output (Redoc from the CDN)",
      {
        given: `<head><link rel="modulepreload" href="https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js" crossorigin="anonymous" /></head>
<body><div id="redoc"></div><script type="module">import { hydrate } from "https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js";</script></body>`,
        want: [
          "<link href> https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js",
          "script import https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js",
          "asset host https://cdn.redocly.com",
          "asset host https://cdn.redocly.com",
        ],
      },
    ],
    [
      "the CDN logo inside the inline bundle",
      {
        given: "<script>const logo = {src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`x`};</script>",
        want: ["asset host https://cdn.redoc.ly"],
      },
    ],
    [
      "scripts, images, stylesheets and fonts from another host",
      {
        given: `<script src="//example.com/a.js"></script><img src="https://example.com/a.png" srcset="a.png 1x, https://example.com/b.png 2x">
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter"><style>@font-face { src: url(https://example.com/f.woff2) } @import "https://example.com/c.css";</style>`,
        want: [
          "<script src> //example.com/a.js",
          "<img src> https://example.com/a.png",
          "<img srcset> https://example.com/b.png",
          "<link href> https://fonts.googleapis.com/css?family=Inter",
          "css url() https://example.com/f.woff2",
          "css @import https://example.com/c.css",
          "asset host https://fonts.googleapis.com",
        ],
      },
    ],
    [
      "links to other sites, local, data: and blob: URLs",
      {
        given: `<a href="https://opensource.org/licenses/MIT">MIT</a><link rel="icon" href="../favicon.svg"><img src="data:image/png;base64,AA==">
<script>const w = new Worker(URL.createObjectURL(blob)); const ns = "http://www.w3.org/2000/svg";</script><div style="background:url('img/a.png')"></div>
<script src="http://127.0.0.1:4173/dev.js"></script>`,
        want: [],
      },
    ],
  ])("%s", (_name, { given, want }) => {
    expect(loads(given)).toEqual(want);
  });
});

describe("makeOffline", () => {
  it("replaces the CDN logo and icon packs with data: URLs", () => {
    const html = makeOffline(
      "<script>a={src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`};" +
        'b={"font-awesome":`https://cdn.redocly.com/icons/fa/7.0.0`,code:`https://cdn.redocly.com/icons/code/5.24.0`}</script>',
    );
    expect(findExternalLoads(html)).toEqual([]);
    expect(html).toContain("src:e?`data:image/svg+xml,");
    expect(html).not.toMatch(/[`$]\{?[^`]*%60/);
  });
});
