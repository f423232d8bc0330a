// Code blocks of the pages leadkit renders itself (the landing page, the changelogs): highlighted
// at build time by shiki, so the browser gets plain HTML with inline colours and no highlighting
// library; each block has a copy button run by COPY_SCRIPT, a few lines inlined into the page that
// work without a network.
//
// The grammars are shiki's precompiled ones (their patterns already JavaScript RegExps) on its
// JavaScript "raw" engine: no WebAssembly, and the first TypeScript block costs a third of what
// converting the TextMate patterns on the fly does, which every docs build pays. Their newest
// release is 4.4.3, so shiki is pinned to that release too (one copy of its packages).
import type { HighlighterCore } from "shiki/core";
import { createHighlighterCore } from "shiki/core";
import { createJavaScriptRawEngine } from "shiki/engine/javascript";
import { escapeHtml as e } from "./html.js";

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
  highlighter ??= createHighlighterCore({
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

/** Renders code blocks; get one with `loadCodeRenderer()` (it loads the grammars once). */
export interface CodeRenderer {
  /** A highlighted `<pre>` with a copy button. */
  block(block: CodeBlock): string;
  /** Just the highlighted `<pre>` (for Markdown, whose fences the renderer wraps itself). */
  highlight(code: string, lang: string | undefined): string;
}

export async function loadCodeRenderer(): Promise<CodeRenderer> {
  const shiki = await loadHighlighter();
  const highlight = (code: string, lang: string | undefined): string => {
    const grammar = lang === undefined ? undefined : LANGUAGES[lang.toLowerCase()];
    if (grammar === undefined) return `<pre class="plain"><code>${e(code)}</code></pre>`;
    // No time limit per line: shiki's default (500 ms) leaves the rest of a line uncoloured when
    // the machine is busy, and the same input must always give the same page.
    return shiki.codeToHtml(code, { lang: grammar, theme: THEME, tokenizeTimeLimit: 0 });
  };
  return {
    highlight,
    block({ code, lang, label, wrap }) {
      const classes = ["code", ...(wrap ? ["code-wrap"] : [])].join(" ");
      return `<div class="${classes}">${label === undefined ? "" : `<p class="code-label">${e(label)}</p>`}
  <div class="code-body">${highlight(code.replace(/\n+$/, ""), lang)}<button type="button" class="copy" data-copy hidden>Copy</button></div>
</div>`;
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
