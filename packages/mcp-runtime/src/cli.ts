// The command line every `leadkit-<api>-mcp` bin runs: flags and environment -> a tool runner ->
// stdio (the default, what `npx -y @leadkit/<api>-mcp` in an MCP client's config starts) or
// Streamable HTTP on 127.0.0.1. A bad flag is a short message and exit code 2, never a stack.
import { parseArgs } from "node:util";
import { masker } from "./mask.js";
import { serveHttp, serveStdio } from "./server.js";
import { ConfigError, createToolRunner } from "./tools.js";
import type { ServerDefinition } from "./types.js";

export function usage(definition: ServerDefinition<unknown>): string {
  const { bin, env } = definition;
  return `Usage: ${bin} [options]

MCP server for the ${definition.specTitle || definition.packageName}: one tool per API operation
(${definition.tools.map((tool) => tool.name).join(", ")}), called through leadkit's client.

Options:
  --base-url <url>     the API's base URL (default: $${env.baseUrl}, else ${definition.defaultBaseUrl})
  --dry-run            validate the arguments and return the request each call would send,
                       with the key masked; send nothing
  --http               serve MCP Streamable HTTP on 127.0.0.1 instead of stdio
  --port <n>           the port for --http (default 0: a free port, printed on stderr)
  --timeout-ms <ms>    per-attempt timeout of API calls (default 30000; 0 disables)
  --max-retries <n>    retries after a failed attempt, as the client's policy allows (default 2);
                       a call that may create something is never repeated once it may have
                       reached the API
  --tool <name>        expose only this tool (repeatable)
  -h, --help           print this help
  --version            print the version

Environment:
  ${env.apiKey}
      your API key: required for every call (without it the server starts, and each
      call answers that it must be set)
  ${env.baseUrl}
      the API's base URL (optional; --base-url wins)

Example MCP client configuration (Claude Desktop's claude_desktop_config.json and others):
  { "mcpServers": { "${bin.replace(/^leadkit-|-mcp$/g, "")}": { "command": "npx", "args": ["-y", "${definition.packageName}"],
      "env": { "${env.apiKey}": "<your API key>" } } } }`;
}

function nonNegativeInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new ConfigError(`${flag} must be a whole number of 0 or more, not ${JSON.stringify(value)}.`);
  return Number(value);
}

function baseUrlOf(flag: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      `${flag} must be an absolute http(s) URL, not ${JSON.stringify(value)}.\nExample: https://api.example.com/v1`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${flag} must be an http(s) URL, not ${JSON.stringify(value)}.`);
  return value;
}

export interface MainOptions {
  readonly argv?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

/**
 * Runs the server until its transport ends (stdio: stdin closes; HTTP: SIGINT or SIGTERM).
 * Resolves with the process exit code.
 */
export async function main<Client>(
  definition: ServerDefinition<Client>,
  options: MainOptions = {},
): Promise<number> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const mask = masker(env[definition.env.apiKey]);
  const write = options.stderr ?? ((text: string) => process.stderr.write(text));
  const stderr = (text: string) => write(mask(text));
  const help = usage(definition as ServerDefinition<unknown>);
  let values: ReturnType<typeof parse>["values"];
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: false,
      options: {
        "base-url": { type: "string" },
        "dry-run": { type: "boolean" },
        http: { type: "boolean" },
        port: { type: "string" },
        "timeout-ms": { type: "string" },
        "max-retries": { type: "string" },
        tool: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  try {
    values = parse([...argv]).values;
  } catch (error) {
    stderr(
      `${definition.bin}: ${(error as Error).message}\nRun \`${definition.bin} --help\` for the options.\n`,
    );
    return 2;
  }
  if (values.help) {
    stdout(`${help}\n`);
    return 0;
  }
  if (values.version) {
    stdout(`${definition.packageVersion}\n`);
    return 0;
  }
  try {
    if (values.port !== undefined && !values.http) throw new ConfigError("--port needs --http.");
    const port = nonNegativeInteger("--port", values.port) ?? 0;
    if (port > 65_535) throw new ConfigError(`--port must be at most 65535, not ${port}.`);
    const runner = createToolRunner(definition, {
      apiKey: env[definition.env.apiKey],
      baseUrl:
        baseUrlOf("--base-url", values["base-url"]) ??
        baseUrlOf(definition.env.baseUrl, env[definition.env.baseUrl]),
      dryRun: values["dry-run"] === true,
      timeoutMs: nonNegativeInteger("--timeout-ms", values["timeout-ms"]),
      maxRetries: nonNegativeInteger("--max-retries", values["max-retries"]),
      tools: values.tool,
      log: (line) => stderr(`${line}\n`),
    });
    // From here on the process serves: whatever escapes is one masked line and exit code 1, not a stack.
    const fail = (error: unknown) => {
      stderr(`${definition.bin}: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
      process.exit(1);
    };
    process.on("uncaughtException", fail);
    process.on("unhandledRejection", fail);
    const key = env[definition.env.apiKey] ? "set" : "NOT SET: every call will fail until it is";
    runner.log(
      `${definition.packageVersion}, base URL ${runner.config.baseUrl ?? definition.defaultBaseUrl}, ${definition.env.apiKey} ${key}${runner.config.dryRun ? ", dry run (nothing is sent)" : ""}`,
    );
    if (!values.http) {
      await serveStdio(runner);
      return 0;
    }
    const server = await serveHttp(runner, port);
    await Promise.race([once("SIGINT"), once("SIGTERM")]);
    await server.close();
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr(`${definition.bin}: ${error.message}\nRun \`${definition.bin} --help\` for the options.\n`);
      return 2;
    }
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code === "EADDRINUSE") {
      stderr(
        `${definition.bin}: port ${values.port} is in use; choose another with --port, or 0 for any free one.\n`,
      );
      return 1;
    }
    stderr(`${definition.bin}: ${typeof message === "string" ? message : String(error)}\n`);
    return 1;
  }
}

function once(signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => process.once(signal, () => resolve()));
}
