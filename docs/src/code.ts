// Code blocks of the pages leadkit renders itself (the landing page, the changelogs): highlighted
// at build time by shiki, so the browser gets plain HTML with inline colours and no highlighting
// library; each block has a copy button run by COPY_SCRIPT, a few lines inlined into the page that
// work without a network.
//
// The grammars are shiki's precompiled ones (their patterns already JavaScript RegExps) on its
// JavaScript "raw" engine: no WebAssembly, and the first TypeScript block costs a third of what
// converting the TextMate patterns on the fly does, which every docs build pays. Their newest
// release is 4.4.3, so shiki is pinned to that release too (one copy of its packages).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { HighlighterCore } from "shiki/core";
import { escapeHtml as e } from "./html.js";
import { DOCS_DIR } from "./site.js";

const THEME = "github-dark";

/** The languages the site highlights, by every name a Markdown fence or a caller may use. */
const LANGUAGES: Record<string, string> = {
  ts: "typescript",
  typescript: "typescript",
  js: "javascript",
  javascript: "javascript",
  mjs: "javascript",
  sh: "shellscript",
  shell: "shellscript",
  bash: "shellscript",
  console: "shellscript",
  shellscript: "shellscript",
  json: "json",
  jsonc: "json",
  yaml: "yaml",
  yml: "yaml",
};

let highlighter: Promise<HighlighterCore> | undefined;

function loadHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRawEngine }] = await Promise.all([
      import("shiki/core"),
      import("shiki/engine/javascript"),
    ]);
    return createHighlighterCore({
      themes: [import("shiki/themes/github-dark.mjs")],
      langs: [
        import("@shikijs/langs-precompiled/typescript"),
        import("@shikijs/langs-precompiled/javascript"),
        import("@shikijs/langs-precompiled/shellscript"),
        import("@shikijs/langs-precompiled/json"),
        import("@shikijs/langs-precompiled/yaml"),
      ],
      engine: createJavaScriptRawEngine(),
    });
  })();
  return highlighter;
}

export interface CodeBlock {
  readonly code: string;
  /** A language name (`ts`, `sh`, `json`, ...); anything else is shown as plain text. */
  readonly lang?: string | undefined;
  /** Shown above the code, e.g. the file or the tool it is for. */
  readonly label?: string | undefined;
  /** Wrap long lines instead of scrolling (narrow places such as the landing cards). */
  readonly wrap?: boolean;
}

/**
 * Renders code blocks; get one with `createCodeRenderer()`. A block is looked up in the memo
 * first; one the memo lacks comes out as a placeholder, which `finish` replaces once shiki has
 * highlighted it (shiki is loaded only then).
 */
export interface CodeRenderer {
  /** A highlighted `<pre>` with a copy button. */
  block(block: CodeBlock): string;
  /** Just the highlighted `<pre>` (for Markdown, whose fences the renderer wraps itself). */
  highlight(code: string, lang: string | undefined): string;
  /** The page with every block highlighted (call it on each page the renderer wrote into). */
  finish(html: string): Promise<string>;
  /**
   * Writes the memo: what it held plus the blocks this renderer used, or only those once it
   * would outgrow MEMO_LIMIT blocks (builds of other workspaces, the tests' and the dev server's,
   * share it, so it is not cut to one build's blocks each time).
   */
  save(): Promise<void>;
  /** Blocks found in the memo, and blocks shiki highlighted. */
  readonly stats: { readonly memo: number; readonly highlighted: number };
}

/**
 * What is highlighted how depends on shiki, the grammars and this file (theme, options): all three
 * are in the memo's key, so a memo written by any other version of them is not read.
 */
function memoVersion(): string {
  const hash = createHash("sha256");
  // (The grammars' package exports no package.json: read through the docs' node_modules.)
  for (const name of ["shiki", "@shikijs/langs-precompiled"])
    hash.update(readFileSync(join(DOCS_DIR, "node_modules", name, "package.json")));
  // This file's source (not the module running, which is lib/code.js in the CLI and src/code.ts in
  // the tests: both must read the same memo).
  hash.update(readFileSync(join(DOCS_DIR, "src", "code.ts")));
  return hash.digest("hex");
}

/** The most blocks the memo keeps; a site has a few per API and per changelog release. */
export const MEMO_LIMIT = 2000;

interface Memo {
  readonly version: string;
  readonly blocks: Record<string, string>;
}

function readMemo(file: string, version: string): Map<string, string> {
  try {
    const memo = JSON.parse(readFileSync(file, "utf8")) as Memo;
    if (memo.version === version && typeof memo.blocks === "object" && memo.blocks !== null)
      return new Map(Object.entries(memo.blocks).filter(([, html]) => typeof html === "string"));
  } catch {
    // missing, unreadable or not JSON: start afresh
  }
  return new Map();
}

/**
 * Highlighting is most of what the site pages cost (loading shiki and compiling the first
 * TypeScript block: about 0.8 s of a 1.4 s build), and a spec edit leaves the site's code blocks
 * as they were. So highlighted blocks are kept in `memoFile` (docs/.artifacts, git-ignored) by
 * language and text: a build whose blocks are all known does not load shiki at all. The memo is
 * only a memo: its key covers everything the output depends on, and without it the pages come out
 * the same (tested).
 */
export async function createCodeRenderer(
  options: { readonly memoFile?: string } = {},
): Promise<CodeRenderer> {
  const version = options.memoFile === undefined ? "" : memoVersion();
  const known =
    options.memoFile === undefined ? new Map<string, string>() : readMemo(options.memoFile, version);
  const used = new Map<string, string>();
  const pending = new Map<string, { readonly code: string; readonly grammar: string }>();
  const stats = { memo: 0, highlighted: 0 };
  const placeholder = (key: string) => `<!--leadkit-code:${key}-->`;

  const highlight = (code: string, lang: string | undefined): string => {
    const grammar = lang === undefined ? undefined : LANGUAGES[lang.toLowerCase()];
    if (grammar === undefined) return `<pre class="plain"><code>${e(code)}</code></pre>`;
    const key = createHash("sha256").update(grammar).update("\0").update(code).digest("hex");
    const html = used.get(key) ?? known.get(key);
    if (html !== undefined) {
      if (!used.has(key)) stats.memo++;
      used.set(key, html);
      return html;
    }
    pending.set(key, { code, grammar });
    return placeholder(key);
  };

  return {
    highlight,
    block({ code, lang, label, wrap }) {
      const classes = ["code", ...(wrap ? ["code-wrap"] : [])].join(" ");
      return `<div class="${classes}">${label === undefined ? "" : `<p class="code-label">${e(label)}</p>`}
  <div class="code-body">${highlight(code.replace(/\n+$/, ""), lang)}<button type="button" class="copy" data-copy hidden>Copy</button></div>
</div>`;
    },
    async finish(html) {
      if (pending.size > 0) {
        const shiki = await loadHighlighter();
        for (const [key, { code, grammar }] of pending) {
          // No time limit per line: shiki's default (500 ms) leaves the rest of a line uncoloured
          // when the machine is busy, and the same input must always give the same page.
          used.set(key, shiki.codeToHtml(code, { lang: grammar, theme: THEME, tokenizeTimeLimit: 0 }));
          stats.highlighted++;
        }
        pending.clear();
      }
      return html.replace(
        /<!--leadkit-code:([0-9a-f]{64})-->/g,
        (match, key: string) => used.get(key) ?? match,
      );
    },
    async save() {
      if (options.memoFile === undefined) return;
      const merged = new Map([...known, ...used]);
      const memo: Memo = { version, blocks: Object.fromEntries(merged.size > MEMO_LIMIT ? used : merged) };
      const staging = `${options.memoFile}.${process.pid}.tmp`;
      await mkdir(dirname(options.memoFile), { recursive: true });
      await writeFile(staging, JSON.stringify(memo));
      await rename(staging, options.memoFile);
    },
    get stats() {
      return { ...stats };
    },
  };
}

/**
 * The copy buttons: shown only when this script runs; the clipboard API where the page may use it,
 * else a selected hidden textarea and `execCommand("copy")` (older browsers, `file:` pages).
 */
export const COPY_SCRIPT = `<script>
(() => {
  const fallback = (text) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position:fixed;top:0;opacity:0";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
  };
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return fallback(text);
    }
  };
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const code = button.closest(".code")?.querySelector("pre code");
      if (!code) return;
      const copied = await copy(code.textContent ?? "");
      // Not allowed to copy: select the code, so the keyboard shortcut does it.
      if (!copied) getSelection()?.selectAllChildren(code);
      button.textContent = copied ? "Copied" : "Press Ctrl+C to copy";
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
  }
})();
</script>`;
