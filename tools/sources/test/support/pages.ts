// The two vendor pages as the test server serves them (fixtures/*.html, in the style of a
// Starlight site and of a Mintlify page), and what a site does to a page between two captures:
// cosmetic changes a check must ignore, and documentation changes it must report.
import { readFileSync } from "node:fs";

export const FIXTURES = new URL("../fixtures/", import.meta.url);

export const dealerStudioPage = readFileSync(new URL("dealer-studio.html", FIXTURES), "utf8");
export const drivlyPage = readFileSync(new URL("drivly.html", FIXTURES), "utf8");

export type Api = "dealer-studio" | "drivly";

export const PAGES: Record<Api, { readonly html: string; readonly file: string; readonly path: string }> = {
  "dealer-studio": {
    html: dealerStudioPage,
    file: "create-lead.txt",
    path: "/public-api/operations/apiv1leads",
  },
  drivly: { html: drivlyPage, file: "update-lead.txt", path: "/commerce/endpoints/leads/updates-a-lead" },
};

/** Replaces `from` (every occurrence with `all`), failing when it is not there: a variant must change the page. */
function replace(html: string, from: string | RegExp, to: string, all = false): string {
  const found = typeof from === "string" ? html.includes(from) : from.test(html);
  if (!found) throw new Error(`variant: ${String(from)} is not in the page`);
  if (typeof from === "string") return all ? html.split(from).join(to) : html.replace(from, to);
  return html.replace(from, to);
}

/** Applies `edit` to the markup outside <pre> blocks only (what a reformatter or a template change touches). */
function outsidePre(html: string, edit: (markup: string) => string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, index) => (index % 2 === 1 ? part : edit(part)))
    .join("");
}

export interface Variant {
  readonly name: string;
  readonly apply: (html: string) => string;
}

const COOKIE_BANNER = [
  '<div id="cc-main" class="cookie-consent-banner" aria-label="Cookie consent">',
  '  <p>We use cookies to understand how our documentation is used. See our <a href="/privacy">privacy policy</a>.</p>',
  "  <button>Accept all</button><button>Reject all</button><button>Preferences</button>",
  "</div>",
  '<div role="dialog" aria-modal="true" aria-labelledby="consent-title"><h2 id="consent-title">Your privacy</h2>',
  "  <p>Choose which cookies we may use.</p></div>",
].join("\n");

/** Cosmetic changes: each leaves the documented content as it was. */
export const COSMETIC: Record<Api, readonly Variant[]> = {
  "dealer-studio": [
    {
      name: "reformatted markup: new line breaks and indentation between tags, CRLF line endings",
      apply: (html) => outsidePre(html, (markup) => markup.replace(/></g, ">\n    <")).replace(/\n/g, "\r\n"),
    },
    {
      name: "navigation chrome: new sidebar entries, renamed site title, breadcrumbs, a new TOC entry",
      apply: (html) => {
        let page = replace(
          html,
          "<span>Dealer Studio API</span>",
          "<span>Dealer Studio Developer Docs</span>",
        );
        page = replace(
          page,
          '<li><a href="/public-api/" class="large"><span>Overview</span></a></li>',
          '<li><a href="/public-api/" class="large"><span>Overview</span></a></li><li><a href="/public-api/webhooks/"><span>Webhooks</span></a></li><li><a href="/public-api/changelog/"><span>Changelog</span></a></li>',
        );
        page = replace(
          page,
          '<div class="content-panel"><div class="sl-container"><h1 id="_top">',
          '<nav aria-label="Breadcrumbs"><ol><li><a href="/public-api/">API</a></li><li><a href="/public-api/operations/">Operations</a></li></ol></nav><div class="content-panel"><div class="sl-container"><h1 id="_top">',
        );
        return replace(
          page,
          '<li><a href="#responses"><span>Responses</span></a></li>',
          '<li><a href="#responses"><span>Responses</span></a></li><li><a href="#examples"><span>Examples</span></a></li>',
        );
      },
    },
    {
      name: "cookie banners: one after the page, one inside the content area",
      apply: (html) =>
        replace(
          replace(html, "</body>", `${COOKIE_BANNER}\n</body>`),
          '<div class="sl-markdown-content">',
          `<div class="sl-markdown-content"><div class="cookie-notice"><p>This site uses cookies.</p><a href="/privacy">Learn more</a></div>`,
        ),
    },
    {
      name: "scripts reordered and added, a new stylesheet, JSON-LD, a noscript pixel",
      apply: (html) => {
        const scripts = [...html.matchAll(/<script[\s\S]*?<\/script>/g)].map((match) => match[0]);
        let page = html;
        for (const script of scripts) page = replace(page, script, "");
        const added = [
          '<script type="application/ld+json">{"@context":"https://schema.org","@type":"TechArticle","headline":"Create Lead"}</script>',
          '<script async src="https://plausible.io/js/script.js" data-domain="dev.dealerstudio.com.au"></script>',
          "<style>.sl-openapi-tags{gap:.5rem}</style>",
          '<noscript><img src="https://px.example/pixel.gif" alt=""></noscript>',
        ];
        page = replace(page, "</head>", `${[...scripts].reverse().join("\n")}\n${added.join("\n")}\n</head>`);
        return replace(page, "</main>", `<script>window.__pagefind=1</script></main>`);
      },
    },
    {
      name: "class and attribute churn: new Astro scope hashes, asset hashes, heading ids, data attributes",
      apply: (html) => {
        let page = replace(html, "data-astro-cid-kh7btl4r", "data-astro-cid-3ef5n2qa", true);
        page = replace(page, "data-astro-cid-cvoom6ss", "data-astro-cid-p0xw8ml1", true);
        page = replace(page, "_astro/index.CBl5ulwp.css", "_astro/index.Dk93LxQe.css");
        page = replace(page, 'class="key not-content"', 'class="sl-openapi-key not-content" data-key', true);
        return replace(page, 'id="response-', 'id="resp-', true);
      },
    },
    {
      name: "icons and screen-reader text: new anchor icons, new anchor link wording, new skip link",
      apply: (html) => {
        let page = replace(html, "Section titled “", "Link to section “", true);
        page = replace(
          page,
          /<svg width="16" height="16" viewBox="0 0 24 24"><path fill="currentcolor" d="[^"]*"><\/path><\/svg>/g,
          '<svg viewBox="0 0 16 16"><path d="M0 8h16"></path></svg>',
        );
        return replace(page, "Skip to content", "Skip to main content");
      },
    },
    {
      name: "entities and invisible characters: &nbsp;, named quotes, a zero-width space, a soft hyphen",
      apply: (html) => {
        let page = replace(html, "<p>Customer Full Name</p>", "<p>Customer&nbsp;Full&#160;Name</p>");
        page = replace(
          page,
          "Lead supplier name eg. “Carsales”",
          "Lead supplier name eg.&nbsp;&ldquo;Carsales&rdquo;",
        );
        return replace(page, "<p>Customer Phone Number</p>", "<p>Customer Phone&#8203; Num&shy;ber</p>");
      },
    },
    {
      name: "footer: a new last-updated date, new edit link and pagination",
      apply: (html) => {
        const page = replace(html, "Nov 20, 2026", "Dec 3, 2026");
        return replace(
          page,
          '<span class="link-title">Update Lead</span>',
          '<span class="link-title">Get Lead</span>',
        );
      },
    },
  ],
  drivly: [
    {
      name: "reformatted markup: tags re-indented onto one line each, tabs, CRLF line endings",
      apply: (html) =>
        outsidePre(html, (markup) => markup.replace(/>\s*</g, ">\n\t<").replace(/ {2,}/g, " ")).replace(
          /\n/g,
          "\r\n",
        ),
    },
    {
      name: "navigation chrome: new navbar links, a reordered sidebar, breadcrumbs and tabs above the title",
      apply: (html) => {
        let page = replace(
          html,
          '<li><a href="https://github.com/drivly" class="whitespace-nowrap font-medium">GitHub</a></li>',
          '<li><a href="https://status.driv.ly" class="whitespace-nowrap font-medium">Status</a></li><li><a href="https://github.com/drivly" class="whitespace-nowrap font-medium">GitHub</a></li>',
        );
        const items = [...page.matchAll(/ {12}<li><a class="group flex[^\n]*<\/li>\n/g)].map(
          (match) => match[0],
        );
        for (const item of items) page = replace(page, item, "");
        page = replace(
          page,
          '<ul id="sidebar-group" class="sidebar-group space-y-px">\n',
          `<ul id="sidebar-group" class="sidebar-group space-y-px">\n${[...items].reverse().join("")}`,
        );
        return replace(
          page,
          '<div id="content-area" class="relative grow mx-auto px-1 overflow-hidden xl:-ml-12 xl:pl-14">',
          '<div id="content-area" class="relative grow mx-auto px-1 overflow-hidden xl:-ml-12 xl:pl-14"><nav aria-label="Breadcrumb" class="text-sm"><a href="/commerce">Commerce API</a> / <a href="/commerce/endpoints/leads">Leads</a></nav><div role="navigation" class="nav-tabs"><a href="/guides">Guides</a><a href="/commerce">API Reference</a></div>',
        );
      },
    },
    {
      name: "cookie banners: one after the page, one inside the content area",
      apply: (html) =>
        replace(
          replace(html, "</body>", `${COOKIE_BANNER}\n</body>`),
          '<header id="header" class="relative">',
          '<div class="CookieConsent fixed bottom-0"><p>We use cookies for analytics.</p><button>OK</button></div><header id="header" class="relative">',
        ),
    },
    {
      name: "scripts reordered and added: new Next.js chunks, analytics moved, inline flight data changed",
      apply: (html) => {
        const scripts = [...html.matchAll(/ *<script[\s\S]*?<\/script>\n/g)].map((match) => match[0]);
        let page = html;
        for (const script of scripts) page = replace(page, script, "");
        page = replace(
          page,
          "</head>",
          `${[...scripts].reverse().join("")}<script src="/_next/static/chunks/posthog-9a8b.js" async=""></script>\n</head>`,
        );
        return replace(
          page,
          "</body>",
          '<script>self.__next_f.push([1,"3:I[\\"(app)/page\\",[\\"page-77aa.js\\"]]"])</script>\n</body>',
        );
      },
    },
    {
      name: "class and attribute churn: new Tailwind classes, new parameter anchor ids, data attributes",
      apply: (html) => {
        let page = replace(html, "text-gray-600", "text-zinc-600 dark:text-zinc-400", true);
        page = replace(page, "rounded-md", "rounded-lg", true);
        page = replace(page, 'id="body-', 'id="param-body-', true);
        page = replace(page, 'href="#body-', 'href="#param-body-', true);
        return replace(
          page,
          'data-component-part="field"',
          'data-component-part="field" data-testid="api-field"',
          true,
        );
      },
    },
    {
      name: "icons and screen-reader text: new callout icon, new skip link wording, a new logo",
      apply: (html) => {
        let page = replace(html, "Skip to main content", "Skip to content");
        page = replace(
          page,
          '<path d="M8 16A8 8 0 1 0 8 0"></path>',
          '<circle cx="10" cy="10" r="8"></circle>',
        );
        return replace(
          page,
          '<span class="sr-only">Drivly home page</span>',
          '<span class="sr-only">Drivly documentation home</span>',
        );
      },
    },
    {
      name: "footer: new feedback prompt, new edit links, new pagination",
      apply: (html) => {
        const page = replace(html, "Was this page helpful?", "Did this page help you?");
        return replace(
          page,
          '<span class="group-hover:text-gray-900">Deletes a Lead</span>',
          '<span class="group-hover:text-gray-900">Get a Lead</span>',
        );
      },
    },
  ],
};

export interface Change extends Variant {
  /** Lines the diff must add and remove (each exactly). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** A Drivly body field block, from its `<div class="py-6 …">` to the next one. */
function drivlyField(html: string, name: string): string {
  const anchor = html.indexOf(`id="body-${name}"`);
  const start = html.lastIndexOf('<div class="py-6', anchor);
  const end = html.indexOf('<div class="py-6', anchor);
  if (anchor < 0 || start < 0 || end < 0) throw new Error(`variant: no body field ${name}`);
  return html.slice(start, end);
}

/** Documentation changes: each must show in the diff as exactly these lines. */
export const REAL: Record<Api, readonly Change[]> = {
  "dealer-studio": [
    {
      name: "a new field",
      apply: (html) =>
        replace(
          html,
          '<div class="key not-content" data-astro-cid-kh7btl4r><div class="name" data-astro-cid-kh7btl4r><strong>attachments</strong>',
          '<div class="key not-content" data-astro-cid-kh7btl4r><div class="name" data-astro-cid-kh7btl4r><strong>trade_in_vin</strong></div><div class="description" data-astro-cid-kh7btl4r>\n<p>VIN of the vehicle the customer trades in</p>\n<div><span class="sl-openapi-type" data-astro-cid-cvoom6ss>string</span></div>\n</div></div>\n<div class="key not-content" data-astro-cid-kh7btl4r><div class="name" data-astro-cid-kh7btl4r><strong>attachments</strong>',
        ),
      added: ["trade_in_vin", "VIN of the vehicle the customer trades in", "string"],
      removed: [],
    },
    {
      name: "a new category",
      apply: (html) =>
        replace(
          html,
          "<li>Test Drive Booking</li>",
          "<li>Test Drive Booking</li><li>Video Call Booking</li>",
        ),
      added: ["Video Call Booking"],
      removed: [],
    },
    {
      name: "a renamed category",
      apply: (html) => replace(html, "<li>Trade-in Enquiry</li>", "<li>Trade In Enquiry</li>"),
      added: ["Trade In Enquiry"],
      removed: ["Trade-in Enquiry"],
    },
    {
      name: "a new value in an enum the page runs together",
      apply: (html) =>
        replace(
          html,
          "<span data-astro-cid-kh7btl4r>Carbee</span>",
          "<span data-astro-cid-kh7btl4r>Carbee</span><span data-astro-cid-kh7btl4r>Drive Mate</span>",
        ),
      added: [
        "Allowed values:Walk InWebsiteEventFacebookFacebook MarketplaceChatbotChatbot - ExternalQR CodeCarsalesAutotraderPhone CallSMSConnectDriveCar ExpertManufacturerAutograbFord Mobile AppOnly CarsGoogle AdsGoogleReferralBrisbane CarsTweed CarsRepeatIAppriseCBABulk SMS CampaignRetentionCarbeeDrive Mate",
      ],
      removed: [
        "Allowed values:Walk InWebsiteEventFacebookFacebook MarketplaceChatbotChatbot - ExternalQR CodeCarsalesAutotraderPhone CallSMSConnectDriveCar ExpertManufacturerAutograbFord Mobile AppOnly CarsGoogle AdsGoogleReferralBrisbane CarsTweed CarsRepeatIAppriseCBABulk SMS CampaignRetentionCarbee",
      ],
    },
  ],
  drivly: [
    {
      name: "a new enum value",
      apply: (html) =>
        replace(
          html,
          '<div class="whitespace-nowrap"><code>Test</code>,</div>',
          '<div class="whitespace-nowrap"><code>Test</code>,</div>\n                  <div class="whitespace-nowrap"><code>Wrong Number</code>,</div>',
        ),
      added: ["Wrong Number,"],
      removed: [],
    },
    {
      name: "a new field, in the body and in the request example",
      apply: (html) => {
        const field = drivlyField(html, "localTime");
        let page = replace(html, field, `${field}${field.split("localTime").join("preferredContactTime")}`);
        page = replace(
          page,
          '<span class="line">  &quot;localTime&quot;: &quot;&lt;string&gt;&quot;,</span>',
          '<span class="line">  &quot;localTime&quot;: &quot;&lt;string&gt;&quot;,</span>\n<span class="line">  &quot;preferredContactTime&quot;: &quot;&lt;string&gt;&quot;,</span>',
        );
        return page;
      },
      added: ['  "preferredContactTime": "<string>",', "preferredContactTime", "string | null"],
      removed: [],
    },
    {
      name: "a renamed enum value",
      apply: (html) => replace(html, "<code>On Hold</code>", "<code>Paused</code>"),
      added: ["Paused,"],
      removed: ["On Hold,"],
    },
  ],
};
