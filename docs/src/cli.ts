// leadkit-docs: `build` writes the site into docs/dist (reusing each API's kept reference page
// while it is current, rendering and keeping the others); `reference` renders and keeps reference
// pages without building the site; `dev` serves the site on 127.0.0.1, watches specs/ and
// rebuilds on every spec edit.

import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CodegenError, formatUnexpected, PipelineError } from "@leadkit/codegen";
import { buildSite, DEFAULT_OUT_DIR } from "./build.js";
import { startDevServer } from "./dev.js";
import { buildPrebuiltReference, prebuiltDir } from "./reference.js";
import { loadSite } from "./site.js";

const USAGE = `Usage: leadkit-docs <build|reference|dev> [options]

Commands:
  build            the whole site into --out (reuses each API's kept reference page while current)
  reference        render each API's reference page and keep it in
                   packages/<api>-types/.artifacts/reference/ (the site build reuses it)
  dev              serve the site and rebuild on every spec edit

Options:
  --root <dir>     workspace root holding redocly.yaml (default: the one above docs/)
  --api <name>     only this API (repeatable; default: every API in redocly.yaml)
  --out <dir>      output folder (build: docs/dist; dev: docs/.artifacts/dev-site)
  --port <n>       dev server port (default: $LEADKIT_DOCS_PORT or 4173; 0 picks a free one)
  --host <addr>    dev server address (default: 127.0.0.1)`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      api: { type: "string", multiple: true },
      out: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || (command !== "build" && command !== "reference" && command !== "dev")) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const common = {
    ...(values.root === undefined ? {} : { root: values.root }),
    ...(values.api === undefined ? {} : { apis: values.api }),
    ...(values.out === undefined ? {} : { outDir: values.out }),
  };
  // What a failure leaves as it was: a page or the site is only ever swapped in whole.
  let kept = "";
  try {
    if (command === "reference") {
      for (const api of loadSite(common).apis) {
        kept = `The previous reference page of ${api.name} (${relative(process.cwd(), prebuiltDir(api)) || "."}) was left as it was.`;
        const result = await buildPrebuiltReference(api);
        console.log(
          `docs: ${api.name} reference -> ${prebuiltDir(api)} (${Math.round(result.bytes / 1024)} KiB, ${result.ms} ms)`,
        );
      }
      return 0;
    }
    if (command === "build") {
      kept = `The previous site (${relative(process.cwd(), resolve(values.out ?? DEFAULT_OUT_DIR)) || "."}) was left as it was.`;
      const result = await buildSite({ ...common, log: (line) => console.log(line) });
      console.log(`docs: built ${result.site.apis.length} API reference(s) in ${result.ms} ms`);
      return 0;
    }
    const port = Number(values.port ?? process.env.LEADKIT_DOCS_PORT ?? 4173);
    const server = await startDevServer({ ...common, port, host: values.host ?? "127.0.0.1" });
    const stop = () => {
      server.close().then(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    return await new Promise<number>(() => {});
  } catch (error) {
    if (error instanceof PipelineError) console.error(`${error.format()} ${kept}`.trim());
    else
      console.error(error instanceof CodegenError ? error.format() : formatUnexpected(error, "leadkit-docs"));
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
