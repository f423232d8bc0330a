// The rules of leadkit-text/1, one small page each (../README.md, "The extraction").
import { describe, expect, it } from "vitest";
import { comparisonKey, extractText } from "../src/extract.js";

const page = (body: string, head = "<title>Page</title>") =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe("extractText", () => {
  it.each<[string, { given: string; want: string }]>([
    [
      "one line per block, inline elements joined, whitespace collapsed",
      {
        given: page(
          "<main><h1>Create  Lead</h1>\n<p>Send a <code>POST</code>\n  request.</p><div>a<span>b</span></div></main>",
        ),
        want: "Create Lead\nSend a POST request.\nab\n",
      },
    ],
    [
      "the content root is <main>: banner, sidebar and anything else outside it are left out",
      {
        given: page(
          '<header><a href="/">Docs</a></header><div class="sidebar">Guides</div><main><p>Body</p></main><div>After</div>',
        ),
        want: "Body\n",
      },
    ],
    [
      "role=main counts as <main>",
      { given: page('<div>Chrome</div><div role="main"><p>Body</p></div>'), want: "Body\n" },
    ],
    [
      "else the first <article>",
      { given: page("<div>Chrome</div><article><p>Body</p></article>"), want: "Body\n" },
    ],
    ["else <body>, without its banner", { given: page("<header>Site</header><p>Body</p>"), want: "Body\n" }],
    [
      "a <header> inside the content holds its title and is kept",
      {
        given: page("<main><header><h1>Updates a Lead</h1></header><p>Body</p></main>"),
        want: "Updates a Lead\nBody\n",
      },
    ],
    [
      "scripts, styles, templates, noscript, svg and media are not text",
      {
        given: page(
          '<main><script>var a = "<p>x</p>"</script><style>p{}</style><template><p>T</p></template><noscript>Enable JS</noscript><svg><text>icon</text></svg><p>Body</p><img alt="logo"></main>',
        ),
        want: "Body\n",
      },
    ],
    [
      "navigation, asides, footers, dialogs and form controls are chrome",
      {
        given: page(
          "<main><nav>Breadcrumbs</nav><aside>On this page</aside><p>Body</p><button>Copy</button><select><option>cURL</option></select><dialog open>Search</dialog><footer>Edit page</footer></main>",
        ),
        want: "Body\n",
      },
    ],
    [
      "landmark and widget roles of chrome are left out",
      {
        given: page(
          '<main><div role="navigation">Tabs</div><div role="search">Find</div><div role="toolbar">Tools</div><div role="dialog">Modal</div><p>Body</p></main>',
        ),
        want: "Body\n",
      },
    ],
    [
      "hidden, aria-hidden, aria-modal, display:none and screen-reader-only text are left out",
      {
        given: page(
          '<main><p hidden>H</p><span aria-hidden="true">#</span><div aria-modal="true">M</div><p style="color: red; display: none">N</p><span class="sr-only">Section titled “Body”</span><span class="visually-hidden">V</span><p>Body</p></main>',
        ),
        want: "Body\n",
      },
    ],
    [
      'hidden="until-found" is collapsed content and is kept',
      { given: page('<main><div hidden="until-found">Details</div></main>'), want: "Details\n" },
    ],
    [
      "cookie and consent banners, by class or label, are left out; ids are not matched",
      {
        given: page(
          '<main><div class="CookieBanner">Cookies?</div><div aria-label="Consent preferences">Choose</div><h2 id="cookie-auth">Cookie auth</h2></main>',
        ),
        want: "Cookie auth\n",
      },
    ],
    [
      "<pre> keeps its lines and indentation, without trailing spaces or blank edges",
      {
        given: page(
          '<main><p>Example</p><pre>\n{\n  "a": 1,   \n\n  "b": [2]\n}\n\n</pre><p>After</p></main>',
        ),
        want: 'Example\n{\n  "a": 1,\n\n  "b": [2]\n}\nAfter\n',
      },
    ],
    [
      "a highlighter's per-line elements inside <pre> are lines, its line numbers and buttons are not text",
      {
        given: page(
          '<main><pre><code><div class="ec-line"><span aria-hidden="true">1</span><div class="code"><span>{</span></div></div><div class="ec-line"><div class="code"><span>  </span><span>"a"</span>: 1</div></div><div class="ec-line"><div class="code">}</div></div></code><button>Copy</button></pre></main>',
        ),
        want: '{\n  "a": 1\n}\n',
      },
    ],
    ["<br> breaks a line", { given: page("<main><p>one<br>two</p></main>"), want: "one\ntwo\n" }],
    [
      "table cells and list items are lines of their own",
      {
        given: page(
          "<main><table><tr><th>name</th><th>type</th></tr><tr><td>id</td><td>string</td></tr></table><ul><li>A</li><li>B</li></ul></main>",
        ),
        want: "name\ntype\nid\nstring\nA\nB\n",
      },
    ],
    [
      "no-break spaces become spaces; zero-width spaces and soft hyphens disappear",
      {
        given: page("<main><p>Customer&nbsp;Phone&#8203; Num&shy;ber</p></main>"),
        want: "Customer Phone Number\n",
      },
    ],
    ["a page without text is empty", { given: page("<nav>Menu</nav><script>app()</script>"), want: "" }],
  ])("%s", (_name, { given, want }) => {
    expect(extractText(given)).toBe(want);
  });
});

describe("comparisonKey", () => {
  it("ignores whitespace and line layout", () => {
    expect(comparisonKey("Allowed values:\nWalk In\nWebsite\n")).toBe(
      comparisonKey("Allowed values: Walk In Website"),
    );
  });

  it("sees every other character", () => {
    expect(comparisonKey("Trade-in Enquiry")).not.toBe(comparisonKey("Trade In Enquiry"));
    expect(comparisonKey("Qualified Lead,")).not.toBe(comparisonKey("Qualified Lead"));
  });
});
