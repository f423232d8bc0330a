// The extraction `leadkit-text/1`: a vendor page's HTML -> the normalized text of its main
// content, one line per block, the form the captures in specs/<api>/sources/ are kept in.
// It keeps what the vendor documents and drops what a site does around it (navigation,
// chrome, banners, scripts), so that a capture changes only when the documentation does.
// The rules are listed, with their reasons, in ../README.md ("The extraction").
import { type DefaultTreeAdapterTypes, parse } from "parse5";

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Name and version of this extraction, recorded in sources.json beside every capture it made. */
export const EXTRACTION = "leadkit-text/1";

/** Never text a reader reads: code, metadata, embedded media, form controls. */
const SKIPPED_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "link",
  "meta",
  "title",
  "svg",
  "math",
  "canvas",
  "iframe",
  "object",
  "embed",
  "audio",
  "video",
  "img",
  "picture",
  "button",
  "input",
  "select",
  "textarea",
  "datalist",
  "form",
  "dialog",
  // Site chrome: menus, sidebars and footers (edit links, pagination, "last updated").
  "nav",
  "aside",
  "footer",
]);

/** Landmark and widget roles that mark chrome rather than content. */
const CHROME_ROLES = new Set([
  "navigation",
  "banner",
  "contentinfo",
  "complementary",
  "search",
  "dialog",
  "alertdialog",
  "menu",
  "menubar",
  "toolbar",
]);

/** The usual names of the class that shows text to screen readers only. */
const SCREEN_READER_ONLY = new Set([
  "sr-only",
  "visually-hidden",
  "visuallyhidden",
  "screen-reader-text",
  "screen-reader-only",
]);

/** Elements a browser lays out as blocks by default: each starts and ends a line. */
const BLOCK_TAGS = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "menu",
  "ol",
  "p",
  "search",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);

/** Elements whose text keeps its own line breaks and indentation. */
const PREFORMATTED_TAGS = new Set(["pre", "listing", "xmp", "plaintext"]);

/** Inside these, a `<header>` is the section's own heading, not the page's banner. */
const SECTIONING_TAGS = new Set(["article", "main", "section"]);

const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
const HIDDEN_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(;|$)/i;

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function classTokens(element: Element): string[] {
  return (attribute(element, "class") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether an element (and everything in it) is left out of the text. */
function isSkipped(element: Element, inSection: boolean): boolean {
  const tag = element.tagName;
  if (SKIPPED_TAGS.has(tag)) return true;
  // A page-level <header> is the site banner; inside the main content it holds the title.
  if (tag === "header" && !inSection) return true;
  const hidden = attribute(element, "hidden");
  // hidden="until-found" is collapsed content a reader can still find and open.
  if (hidden !== undefined && hidden.toLowerCase() !== "until-found") return true;
  if (attribute(element, "aria-hidden")?.toLowerCase() === "true") return true;
  if (attribute(element, "aria-modal")?.toLowerCase() === "true") return true;
  const role = attribute(element, "role")?.toLowerCase().trim();
  if (role !== undefined && CHROME_ROLES.has(role)) return true;
  if (HIDDEN_STYLE.test(attribute(element, "style") ?? "")) return true;
  const classes = classTokens(element);
  if (classes.some((token) => SCREEN_READER_ONLY.has(token))) return true;
  // Cookie and consent banners. Ids are not matched: headings' ids are slugs of their text.
  const label = (attribute(element, "aria-label") ?? "").toLowerCase();
  return [...classes, label].some((word) => word.includes("cookie") || word.includes("consent"));
}

function isMain(element: Element): boolean {
  return element.tagName === "main" || attribute(element, "role")?.toLowerCase() === "main";
}

/** The element holding the page's own content: its <main>, else its first <article>, else <body>. */
function contentRoot(document: DefaultTreeAdapterTypes.Document): Element | undefined {
  let main: Element | undefined;
  let article: Element | undefined;
  let body: Element | undefined;
  const visit = (node: Node): void => {
    if (main !== undefined) return;
    if (isElement(node)) {
      if (isMain(node) && attribute(node, "hidden") === undefined) {
        main = node;
        return;
      }
      if (node.tagName === "article") article ??= node;
      if (node.tagName === "body") body ??= node;
    }
    if ("childNodes" in node) for (const child of node.childNodes) visit(child);
  };
  visit(document);
  return main ?? article ?? body;
}

function collapse(text: string): string {
  return text.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** The text of a <pre>: its own line breaks and indentation, trailing spaces and blank edges removed. */
function preformattedLines(pre: Element): string[] {
  let out = "";
  const visit = (node: Node): void => {
    if (!isElement(node)) {
      if ("value" in node && node.nodeName === "#text") out += node.value;
      return;
    }
    if (isSkipped(node, true)) return;
    if (node.tagName === "br") {
      out += "\n";
      return;
    }
    // Highlighters that render one element per line (Expressive Code's .ec-line) need the breaks.
    const block = BLOCK_TAGS.has(node.tagName);
    if (block && out !== "" && !out.endsWith("\n")) out += "\n";
    for (const child of node.childNodes) visit(child);
    if (block && !out.endsWith("\n")) out += "\n";
  };
  for (const child of pre.childNodes) visit(child);
  const lines = out
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * The normalized text of a page's main content (leadkit-text/1): one line per block of text,
 * whitespace inside a line collapsed to single spaces, no blank lines except inside
 * preformatted blocks (code examples keep their layout), ending with a newline.
 * Returns "" when the page has no text content.
 */
export function extractText(html: string): string {
  const root = contentRoot(parse(html));
  if (root === undefined) return "";
  const lines: string[] = [];
  let inline = "";
  const flush = () => {
    const line = collapse(inline);
    inline = "";
    if (line !== "") lines.push(line);
  };
  const visit = (node: Node, inSection: boolean): void => {
    if (!isElement(node)) {
      if ("value" in node && node.nodeName === "#text") inline += node.value;
      return;
    }
    if (isSkipped(node, inSection)) return;
    const tag = node.tagName;
    if (tag === "br") {
      flush();
      return;
    }
    if (PREFORMATTED_TAGS.has(tag)) {
      flush();
      lines.push(...preformattedLines(node));
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    const childInSection = inSection || SECTIONING_TAGS.has(tag) || isMain(node);
    for (const child of node.childNodes) visit(child, childInSection);
    if (block) flush();
  };
  visit(root, isMain(root) || SECTIONING_TAGS.has(root.tagName));
  flush();
  return lines.length === 0 ? "" : `${lines.join("\n").normalize("NFC")}\n`;
}

/**
 * What two extractions are compared on: the text without any whitespace. Line breaks and
 * spacing depend on markup (a wrapper changed from <div> to <span>, spaces between tags)
 * and never count as a change; any other character does.
 */
export function comparisonKey(text: string): string {
  return text.normalize("NFC").replace(INVISIBLE, "").replace(/\s+/g, "");
}
