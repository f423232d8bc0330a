// leadkit-sources: `check` (the root script `pnpm sources:check`) and `extract` (see ../README.md).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkSources } from "./check.js";
import { SourcesError } from "./errors.js";
import { extractText } from "./extract.js";
import { fetchPage } from "./fetch-page.js";
import { exitCode, formatMarkdown, formatText } from "./format.js";
import { urlProblem, writeAtomically } from "./manifest.js";

const USAGE = `Usage: leadkit-sources <command> [options]

Commands:
  check [--update] [--api <name>]... [--config <redocly.yaml>] [--timeout <seconds>] [--report <file.md>]
      Fetch every page recorded in specs/<api>/sources/sources.json, extract its text and diff it
      against the capture. Exit 0: unchanged; 1: a page changed; 2: a page could not be reached;
      3: bad input (options, manifest).
        --update   rewrite changed captures and their records (URL, date, extraction, sha256)
        --api      only this API (repeatable)
        --config   the workspace's redocly.yaml (default: found from the working directory)
        --timeout  seconds to wait for each page (default 30)
        --report   also write the report as Markdown to this file (the scheduled workflow's issue body)
  extract <page.html | https://…>
      Print the text the check extracts from a page (leadkit-text/1).`;

/** Exit code for bad input (usage, manifest): 0, 1 and 2 are the check's own outcomes. */
export const BAD_INPUT = 3;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colour the diffs (a terminal that wants colour). */
  readonly color: boolean;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
};

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 30;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SourcesError(
      `--timeout must be a positive number of seconds (got \`${value}\`).`,
      "Example: --timeout 60",
    );
  }
  return seconds;
}

async function extract(target: string, timeoutSeconds: number, io: Io): Promise<number> {
  let html: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    const problem = urlProblem(target);
    if (problem !== undefined) throw new SourcesError(`The page URL ${problem}.`);
    const page = await fetchPage(target, timeoutSeconds);
    if (page.kind === "unreachable") {
      io.stderr(`could not reach ${page.host}: ${page.reason}`);
      return 2;
    }
    if (page.kind === "gone") {
      io.stderr(`${target}: the page is gone (HTTP ${page.status}).`);
      return 1;
    }
    html = page.html;
  } else {
    try {
      html = readFileSync(target, "utf8");
    } catch (error) {
      throw new SourcesError(
        `Cannot read ${target}: ${(error as Error).message}`,
        "Pass an HTML file or an https:// URL.",
      );
    }
  }
  const text = extractText(html);
  if (text === "") {
    io.stderr(`${target}: no text in the page's main content.`);
    return 1;
  }
  io.stdout(text.trimEnd());
  return 0;
}

function writeReport(file: string, markdown: string): void {
  try {
    writeAtomically(file, markdown);
  } catch (error) {
    throw new SourcesError(
      `Cannot write the report to ${file}: ${(error as Error).message}`,
      "Pass --report a path in an existing folder.",
    );
  }
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        update: { type: "boolean" },
        api: { type: "string", multiple: true },
        config: { type: "string" },
        timeout: { type: "string" },
        report: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  try {
    parsed = parse([...argv]);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return BAD_INPUT;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const timeoutSeconds = parseTimeout(values.timeout);
    switch (command) {
      case "check": {
        if (rest.length > 0)
          throw new SourcesError(`check takes no arguments (got \`${rest.join(" ")}\`).`, USAGE);
        const update = values.update === true;
        const report = await checkSources({
          configFile: values.config,
          apis: values.api ?? [],
          update,
          timeoutSeconds,
        });
        const text = formatText(report, { update, color: io.color });
        if (text.out !== "") io.stdout(text.out);
        if (text.err !== "") io.stderr(text.err);
        if (values.report !== undefined) writeReport(values.report, formatMarkdown(report, { update }));
        return exitCode(report);
      }
      case "extract": {
        const [target, ...extra] = rest;
        if (target === undefined || extra.length > 0) {
          throw new SourcesError("extract takes one HTML file or URL.", USAGE);
        }
        return await extract(target, timeoutSeconds, io);
      }
      case undefined:
        io.stderr(USAGE);
        return BAD_INPUT;
      default:
        throw new SourcesError(`Unknown command \`${command}\`.`, USAGE);
    }
  } catch (error) {
    if (error instanceof SourcesError) {
      io.stderr(error.format());
      return BAD_INPUT;
    }
    throw error;
  }
}
