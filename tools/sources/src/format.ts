// How a check reads: a status line per page with its diff, for a terminal (the CLI) and as
// Markdown (the issue the scheduled workflow opens). Neither carries the run's date, so the
// same page changes give the same report and the workflow can tell a new change from an old one.
import { type CheckReport, isHandCapture, type SourceResult } from "./check.js";
import { EXTRACTION } from "./extract.js";

export const UPDATE_COMMAND = "pnpm sources:check --update";

/** GitHub refuses issue bodies over 65,536 characters. */
const MARKDOWN_LIMIT = 60_000;

export type ExitCode = 0 | 1 | 2;

/** 2 when any page could not be checked, else 1 when any page changed (and was not updated), else 0. */
export function exitCode(report: CheckReport): ExitCode {
  const kinds = report.results.map((result) => result.outcome.kind);
  if (kinds.includes("unreachable")) return 2;
  if (
    report.results.some(
      (result) => result.outcome.kind === "gone" || (result.outcome.kind === "changed" && !result.updated),
    )
  ) {
    return 1;
  }
  return 0;
}

function handCaptureNote(result: SourceResult): string | undefined {
  if (!isHandCapture(result.entry) || result.outcome.kind !== "changed") return undefined;
  return (
    `This capture was made by hand (extraction: manual), so this first comparison with ${EXTRACTION} also ` +
    "shows where the two extractions differ (chrome it drops, structure it keeps). Review it once against " +
    `the spec, then adopt the extraction with \`${UPDATE_COMMAND}\`.`
  );
}

function statusLine(result: SourceResult): string {
  const where = `${result.api}: ${result.path}`;
  const redirect = result.redirectedTo === undefined ? "" : ` (redirected to ${result.redirectedTo})`;
  const outcome = result.outcome;
  switch (outcome.kind) {
    case "unchanged":
      return `${where}: unchanged since ${result.entry.captured}${redirect}`;
    case "changed":
      if (result.entry.sha256 === undefined) {
        return result.updated
          ? `${where}: captured from ${result.entry.url}`
          : `${where}: not captured yet (${result.entry.url})`;
      }
      return `${where}: ${result.updated ? "changed, capture updated" : "CHANGED"} (${result.entry.url})${redirect}`;
    case "gone":
      return (
        `${where}: the page is gone: HTTP ${outcome.status} at ${result.redirectedTo ?? result.entry.url}. ` +
        `Find where it moved and correct \`url\` in ${result.path.replace(/[^/]+$/, "sources.json")}.`
      );
    case "unreachable":
      return `${where}: could not reach ${outcome.host}: ${outcome.reason}`;
  }
}

function colorDiff(diff: string): string {
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return `\x1b[1m${line}\x1b[0m`;
      if (line.startsWith("+")) return `\x1b[32m${line}\x1b[0m`;
      if (line.startsWith("-")) return `\x1b[31m${line}\x1b[0m`;
      if (line.startsWith("@@")) return `\x1b[36m${line}\x1b[0m`;
      return line;
    })
    .join("\n");
}

function summary(report: CheckReport, update: boolean): string {
  const total = report.results.length;
  const count = (kind: SourceResult["outcome"]["kind"]) =>
    report.results.filter((r) => r.outcome.kind === kind).length;
  const changed = count("changed");
  const gone = count("gone");
  const unreachable = count("unreachable");
  const lines: string[] = [];
  if (total === 0) lines.push("No vendor pages are recorded (specs/<api>/sources/sources.json).");
  else if (changed + gone + unreachable === 0)
    lines.push(`All ${total} vendor page(s) match their captures.`);
  if (changed > 0 && update) {
    lines.push(
      `Updated ${changed} capture(s) and their records in sources.json. Review them with \`git diff -- specs\`, ` +
        "update each spec to match (specs/CONVENTIONS.md) and commit the capture with the spec change.",
    );
  } else if (changed > 0) {
    lines.push(
      `${changed} of ${total} vendor page(s) changed. Review the diff, then refresh the captures with ` +
        `\`${UPDATE_COMMAND}\` (it rewrites them, so the change shows in review next to the spec edit it calls for).`,
    );
  }
  if (gone > 0) lines.push(`${gone} vendor page(s) are gone: correct their URLs in sources.json.`);
  if (unreachable > 0) {
    lines.push(
      `Could not check ${unreachable} of ${total} vendor page(s): nothing was compared for them, which is not ` +
        `"no change". Run the check again later; if it keeps failing, check the URL in sources.json.`,
    );
  }
  if (report.withoutSources.length > 0) {
    lines.push(`No recorded sources (not checked): ${report.withoutSources.join(", ")}.`);
  }
  return lines.join("\n");
}

/** The terminal report: `out` for status and diffs, `err` for the pages that could not be checked. */
export function formatText(
  report: CheckReport,
  options: { update: boolean; color: boolean },
): { out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  for (const result of report.results) {
    const line = statusLine(result);
    if (result.outcome.kind === "unreachable") {
      err.push(line);
      continue;
    }
    out.push(line);
    const note = handCaptureNote(result);
    if (note !== undefined) out.push(`  ${note}`);
    if (result.outcome.kind === "changed") {
      out.push(options.color ? colorDiff(result.outcome.diff) : result.outcome.diff);
    }
  }
  const closing = summary(report, options.update);
  if (exitCode(report) === 2) err.push(closing);
  else out.push(closing);
  return { out: out.join("\n"), err: err.join("\n") };
}

/** A fence longer than any backtick run in the text, so a diff can never close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return "`".repeat(longest + 1);
}

/** The Markdown report (the body of the issue the scheduled workflow opens). */
export function formatMarkdown(report: CheckReport, options: { update: boolean }): string {
  const parts: string[] = ["## Vendor pages the specs were written from", ""];
  for (const result of report.results) {
    parts.push(`### ${result.api}: \`${result.path}\``, "");
    parts.push(`- page: ${result.entry.url}`);
    if (result.entry.captured !== undefined) {
      parts.push(`- captured: ${result.entry.captured} (${result.entry.extraction})`);
    }
    parts.push(`- result: ${statusLine(result).slice(`${result.api}: ${result.path}: `.length)}`, "");
    const note = handCaptureNote(result);
    if (note !== undefined) parts.push(`> ${note}`, "");
    if (result.outcome.kind === "changed") {
      const marker = fence(result.outcome.diff);
      parts.push(`${marker}diff`, result.outcome.diff.trimEnd(), marker, "");
    }
  }
  parts.push("### What to do", "", summary(report, options.update), "");
  if (exitCode(report) === 1) {
    parts.push(
      "1. On a branch, run `pnpm sources:check --update`: it rewrites the captures above.",
      "2. Change `specs/<api>/openapi.yaml` to match (a new field, enum value or renamed category), bump",
      "   `info.version`, run `pnpm generate` and `pnpm spec:diff --write`.",
      "3. Commit the capture with the spec change, so review sees both; merging closes this issue if the",
      "   pull request says `Closes #<this issue>`.",
      "",
    );
  }
  const markdown = parts.join("\n");
  if (markdown.length <= MARKDOWN_LIMIT) return markdown;
  return `${markdown.slice(0, MARKDOWN_LIMIT)}\n\n… (report cut at ${MARKDOWN_LIMIT} characters; the full diff is in the workflow's log)\n`;
}
