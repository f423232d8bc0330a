// `pnpm bench` (this package): the codegen's pipeline on a large real spec, GitHub's full REST
// description from @octokit/openapi (about 13 MB of JSON, ~1,100 operations), against the
// baseline of openapi-typescript's own CLI on the same file, in the same run.
//
// The pipeline is what `pnpm generate` runs for an API: Redocly lint -> Redocly bundle ->
// openapi-typescript + leadkit's alias module -> write (generateApi). Lint runs with a bench
// config whose rules let GitHub's description through (its ~2,900 warnings under `minimal` are
// switched off: leadkit's gate fails on any warning, and the point here is time, not quality).
// Each contender runs LEADKIT_BENCH_ROUNDS times (default 3); the median counts.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { bundleApi, generateApi, lintApi, loadWorkspace, targets } from "../src/index.js";
import { OPENAPI_TS_OPTIONS } from "../src/targets/types.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const SPEC = require.resolve("@octokit/openapi/generated/api.github.com.json");
const SPEC_VERSION = (
  JSON.parse(await readFile(require.resolve("@octokit/openapi/package.json"), "utf8")) as { version: string }
).version;
const OPENAPI_TS_CLI = join(dirname(require.resolve("openapi-typescript/package.json")), "bin", "cli.js");
const ROUNDS = Number(process.env.LEADKIT_BENCH_ROUNDS ?? 3);

/** `minimal`, minus the rules GitHub's description warns on. */
const BENCH_CONFIG = `apis:
  github:
    root: specs/github/openapi.json
telemetry: off
extends:
  - minimal
rules:
  no-identical-paths: off
  no-ambiguous-paths: off
  no-invalid-media-type-examples: off
  nullable-type-sibling: off
  no-required-schema-properties-undefined: off
  operation-2xx-response: off
  no-unused-components: off
  security-defined: off
`;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function workspace(dir: string) {
  await mkdir(join(dir, "specs", "github"), { recursive: true });
  await mkdir(join(dir, "packages", "github-types"), { recursive: true });
  await copyFile(SPEC, join(dir, "specs", "github", "openapi.json"));
  await writeFile(join(dir, "redocly.yaml"), BENCH_CONFIG);
  await writeFile(
    join(dir, "packages", "github-types", "package.json"),
    JSON.stringify({ name: "@leadkit/github-types", version: "0.0.0", type: "module" }),
  );
  const ws = loadWorkspace(join(dir, "redocly.yaml"));
  return { ws, api: ws.apis[0] as (typeof ws.apis)[number] };
}

async function timed<T>(body: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await body();
  return [value, performance.now() - started];
}

const temp = await mkdtemp(join(tmpdir(), "leadkit-codegen-bench-"));
try {
  const size = (await stat(SPEC)).size;
  console.log(
    `codegen bench: GitHub's REST description (@octokit/openapi ${SPEC_VERSION}, ${(size / 1e6).toFixed(1)} MB), ${ROUNDS} round(s), median\n`,
  );

  const pipeline: number[] = [];
  const cli: number[] = [];
  const phases = {
    lint: [] as number[],
    bundle: [] as number[],
    render: [] as number[],
    write: [] as number[],
    mcp: [] as number[],
  };
  let mcpBytes = 0;
  let tools = 0;
  let schemaBytes = 0;
  let operations = 0;
  const types = targets.find((target) => target.name === "types");
  const mcp = targets.find((target) => target.name === "mcp");
  if (types === undefined || mcp === undefined) throw new Error("no types or mcp target");
  for (let round = 0; round < ROUNDS; round++) {
    // The contenders alternate within a round, so drift (other load on the machine) hits all alike.
    const { ws, api } = await workspace(join(temp, `pipeline-${round}`));
    const [result, ms] = await timed(() => generateApi(ws, api));
    if (result.status === "lint-failed")
      throw new Error(`lint failed: ${JSON.stringify(result.problems.slice(0, 5))}`);
    pipeline.push(ms);
    schemaBytes = (await stat(join(api.typesDir, "src", "generated", "schema.gen.ts"))).size;
    operations =
      (await readFile(join(api.typesDir, "src", "generated", "api.gen.ts"), "utf8")).match(
        /^ {2}\S.*: \{ method:/gm,
      )?.length ?? 0;

    const out = join(temp, `cli-${round}.ts`);
    const spec = join(ws.root, "specs", "github", "openapi.json");
    const args = [OPENAPI_TS_CLI, spec, "-o", out, "--root-types", "--root-types-no-schema-prefix"];
    const [, cliMs] = await timed(() => run(process.execPath, args, { maxBuffer: 1 << 26 }));
    cli.push(cliMs);

    // The same pipeline step by step, to show where its time goes.
    const step = await workspace(join(temp, `phases-${round}`));
    const [, lintMs] = await timed(() => lintApi(step.ws, step.api));
    const [document, bundleMs] = await timed(() => bundleApi(step.ws, step.api));
    const context = { workspace: step.ws, api: step.api, document, specVersion: SPEC_VERSION };
    const [files, renderMs] = await timed(() => types.render(context));
    const [, writeMs] = await timed(async () => {
      for (const file of files) {
        await mkdir(dirname(file.file), { recursive: true });
        await writeFile(file.file, file.contents);
      }
    });
    // The MCP target on the same document (one tool per operation, schemas inlined within budget).
    const mcpDir = mcp.packageDir(step.api);
    await mkdir(mcpDir, { recursive: true });
    await writeFile(
      join(mcpDir, "package.json"),
      JSON.stringify({ name: "@leadkit/github-mcp", version: "0.0.0" }),
    );
    const [mcpFiles, mcpMs] = await timed(() => mcp.render(context));
    mcpBytes = mcpFiles.reduce((sum, file) => sum + file.contents.length, 0);
    tools = mcpFiles[0]?.contents.match(/^ {4}name: /gm)?.length ?? 0;
    phases.mcp.push(mcpMs);
    phases.lint.push(lintMs);
    phases.bundle.push(bundleMs);
    phases.render.push(renderMs);
    phases.write.push(writeMs);
    console.log(`  round ${round + 1}: pipeline ${seconds(ms)}, openapi-typescript CLI ${seconds(cliMs)}`);
    await rm(join(temp, `phases-${round}`), { recursive: true, force: true });
    await rm(join(temp, `pipeline-${round}`), { recursive: true, force: true });
  }

  const p = median(pipeline);
  const c = median(cli);
  console.log(`
| step | time |
| --- | --- |
| leadkit pipeline (\`generateApi\`: lint -> bundle -> openapi-typescript + aliases -> write) | ${seconds(p)} |
| step by step: lint (Redocly, bench rules) | ${seconds(median(phases.lint))} |
| step by step: bundle (Redocly) | ${seconds(median(phases.bundle))} |
| step by step: render (openapi-typescript ${JSON.stringify(OPENAPI_TS_OPTIONS).replace(/"/g, "")}, aliases, spec copies) | ${seconds(median(phases.render))} |
| step by step: write | ${seconds(median(phases.write))} |
| MCP target (not in the pipeline above: the bench has no MCP package): ${tools} tools, schemas inlined within budget | ${seconds(median(phases.mcp))} |
| baseline: openapi-typescript CLI alone (\`--root-types --root-types-no-schema-prefix\`) | ${seconds(c)} |
| pipeline / baseline | ${(p / c).toFixed(2)}x |

Output: schema.gen.ts ${(schemaBytes / 1e6).toFixed(1)} MB, ${operations} operations in operationsById; tools.gen.ts ${(mcpBytes / 1e6).toFixed(1)} MB.`);
} finally {
  await rm(temp, { recursive: true, force: true });
}
