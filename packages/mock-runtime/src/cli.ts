// The command line of every mock package (`leadkit-<api>-mock`): starts the mock, prints its
// URL and one line per request with its validation result, and stops cleanly on Ctrl-C. For
// people testing from curl, Postman or another language.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { MockOptions } from "./engine.js";
import type { ListenOptions } from "./server.js";
import type { MockServer, RecordedRequest } from "./types.js";
import type { VendorBehaviour } from "./vendor.js";

export interface CliDefinition<Options> {
  /** The bin's name, e.g. `leadkit-dealer-studio-mock`. */
  readonly command: string;
  /** The API's title, e.g. `Dealer Studio Public API`. */
  readonly title: string;
  readonly specVersion: string;
  /** The package's start function (`startDealerStudioMock`). */
  readonly start: (options: Options & MockOptions & ListenOptions) => Promise<MockServer<unknown, unknown>>;
  /** `METHOD path (method name)` of each operation, printed at start. */
  readonly operations: readonly string[];
  readonly vendor?: VendorBehaviour<Options>;
}

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when the user asks to stop (SIGINT, SIGTERM). */
  readonly stopped: Promise<string>;
}

function defaultIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stopped: new Promise((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    }),
  };
}

function usage<Options>(cli: CliDefinition<Options>): string {
  const flags = Object.entries(cli.vendor?.cli?.flags ?? {}).map(
    ([name, flag]) =>
      `  --${name} <value>`.padEnd(30) + flag.description + (flag.multiple ? " (repeatable)" : ""),
  );
  return [
    `Usage: ${cli.command} [options]`,
    "",
    `A validating, stateful mock of the ${cli.title} (spec ${cli.specVersion}), on 127.0.0.1.`,
    "",
    "Options:",
    "  --port <n>                  port to listen on (default: a free one; 0 too)",
    "  --host <addr>               address to listen on (default: 127.0.0.1)",
    "  --api-key <key>             accept only this key (default: any well-formed key;",
    "                              or set LEADKIT_MOCK_API_KEY)",
    '  --seed <file.json>          records to start with, per collection: { "leads": [ ... ] }',
    "  --quiet                     print the URL only, not one line per request",
    ...flags,
    "  -h, --help                  this help",
    "",
    "Each request prints one line: method, path, status, operation, and what the spec rejected.",
    "Answers can be chosen the way Prism does: send `Prefer: code=422` for the documented 422.",
  ].join("\n");
}

/** One line per request: `POST /api/v1/leads 422 createLead invalid: lead.phone must be a string`. */
export function requestLine(request: RecordedRequest): string {
  const status = request.status === undefined ? "---" : String(request.status);
  const operation = request.operation ?? "(no operation)";
  const fault = request.fault === undefined ? "" : ` [fault: ${request.fault}]`;
  const verdict = request.valid
    ? "valid"
    : `invalid: ${request.violations.map((violation) => violation.message).join("; ")}`;
  const response =
    request.responseViolations.length === 0
      ? ""
      : ` (answer breaks the spec: ${request.responseViolations.map((violation) => violation.message).join("; ")})`;
  return `${request.method} ${request.path} ${status} ${operation} ${verdict}${fault}${response}`;
}

/** Runs the CLI; resolves with the exit code once the mock has stopped (or failed to start). */
export async function runCli<Options>(
  cli: CliDefinition<Options>,
  argv: readonly string[],
  io: CliIo = defaultIo(),
): Promise<number> {
  const vendorFlags = cli.vendor?.cli?.flags ?? {};
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "api-key": { type: "string" },
        seed: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        ...Object.fromEntries(
          Object.entries(vendorFlags).map(([name, flag]) => [
            name,
            { type: "string" as const, multiple: flag.multiple === true },
          ]),
        ),
      },
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage(cli)}`);
    return 2;
  }
  if (values.help) {
    io.out(usage(cli));
    return 0;
  }
  const portText = values.port as string | undefined;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    io.err(
      `--port must be a port number from 0 to 65535, not ${JSON.stringify(portText)}.\nExample: ${cli.command} --port 4010`,
    );
    return 2;
  }
  let seed: MockOptions["seed"];
  if (values.seed !== undefined) {
    try {
      seed = JSON.parse(await readFile(values.seed as string, "utf8"));
    } catch (error) {
      io.err(
        `--seed ${values.seed}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not JSON (${(error as Error).message})`}.\nExample file: { "leads": [ { "id": 1, ... } ] }`,
      );
      return 2;
    }
  }
  const vendorValues = Object.fromEntries(
    Object.keys(vendorFlags).map((name) => [name, values[name]]),
  ) as Record<string, string | string[] | undefined>;
  const vendorOptions = cli.vendor?.cli ? cli.vendor.cli.toOptions(vendorValues) : ({} as Options);
  const apiKey = (values["api-key"] as string | undefined) ?? (process.env.LEADKIT_MOCK_API_KEY || undefined);

  let mock: MockServer<unknown, unknown>;
  try {
    mock = await cli.start({
      ...vendorOptions,
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(seed === undefined ? {} : { seed }),
      ...(port === undefined ? {} : { port }),
      ...(values.host === undefined ? {} : { host: values.host as string }),
      onRequest: values.quiet ? undefined : (request) => io.out(requestLine(request)),
    } as Options & MockOptions & ListenOptions);
  } catch (error) {
    io.err(`${cli.command}: ${(error as Error).message}`);
    return 1;
  }
  io.out(`${cli.title} mock (spec ${cli.specVersion}) listening on ${mock.url}`);
  if (!values.quiet) {
    for (const operation of cli.operations) io.out(`  ${operation}`);
    io.out("Press Ctrl-C to stop.");
  }
  const signal = await io.stopped;
  await mock.close();
  io.out(`Stopped (${signal}).`);
  return 0;
}
