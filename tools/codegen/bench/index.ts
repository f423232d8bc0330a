// `pnpm bench` (this package): the codegen's pipeline on a large real spec, GitHub's full REST
// description from @octokit/openapi (about 13 MB of JSON, ~1,200 operations), against the
// baseline of openapi-typescript's own CLI on the same file, in the same run.
//
// The pipeline is the codegen's types target as a fresh process like the baseline
// (bench/types-pipeline.mjs on the built codegen): Redocly lint + bundle in-process from one
// read of the spec -> openapi-typescript's transform + leadkit's alias module, with the JSON and
// YAML copies of the spec (the YAML on a worker thread) -> write. That is the like-for-like
// contender. A third one, `leadkit-codegen generate` (what the types package's `codegen` task
// runs: the types and the validators, which openapi-typescript does not make), shows what the
// validators add. Lint runs with a bench config whose
// rules let GitHub's description through (its ~2,900 warnings under `minimal` are switched off:
// leadkit's gate fails on any warning, and the point here is time, not quality). Each contender
// runs LEADKIT_BENCH_ROUNDS times (default 3); the median counts. The steps are then timed one
// by one in this process (modules already loaded), to show where the time goes.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { checkApi, loadWorkspace, targets } from "../src/index.js";
import { OPENAPI_TS_OPTIONS } from "../src/targets/types.js";
import { githubConfig } from "./github-config.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const SPEC = require.resolve("@octokit/openapi/generated/api.github.com.json");
const SPEC_VERSION = (
  JSON.parse(await readFile(require.resolve("@octokit/openapi/package.json"), "utf8")) as { version: string }
).version;
const OPENAPI_TS_CLI = join(dirname(require.resolve("openapi-typescript/package.json")), "bin", "cli.js");
const LEADKIT_CLI = new URL("../bin/leadkit-codegen.js", import.meta.url).pathname;
const TYPES_PIPELINE = new URL("./types-pipeline.mjs", import.meta.url).pathname;
const ROUNDS = Number(process.env.LEADKIT_BENCH_ROUNDS ?? 3);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function workspace(dir: string) {
  await mkdir(join(dir, "specs", "github"), { recursive: true });
  await mkdir(join(dir, "packages", "github-types"), { recursive: true });
  await copyFile(SPEC, join(dir, "specs", "github", "openapi.json"));
  await writeFile(join(dir, "redocly.yaml"), githubConfig("specs/github/openapi.json"));
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

/**
 * CPU seconds (user + system) used by this process's finished children (Linux /proc; as in
 * tools/bench's runTurbo): the contenders' cost whatever else runs on the machine.
 */
function childrenCpuSeconds(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function timedProcess(body: () => Promise<unknown>): Promise<{ ms: number; cpu: number }> {
  const cpu = childrenCpuSeconds();
  const [, ms] = await timed(body);
  return { ms, cpu: childrenCpuSeconds() - cpu };
}

const temp = await mkdtemp(join(tmpdir(), "leadkit-codegen-bench-"));
try {
  const size = (await stat(SPEC)).size;
  console.log(
    `codegen bench: GitHub's REST description (@octokit/openapi ${SPEC_VERSION}, ${(size / 1e6).toFixed(1)} MB), ${ROUNDS} round(s), median\n`,
  );

  const pipeline: number[] = [];
  const withValidators: number[] = [];
  const cli: number[] = [];
  const cpu = { pipeline: [] as number[], cli: [] as number[] };
  const phases = {
    check: [] as number[],
    render: [] as number[],
    write: [] as number[],
    validate: [] as number[],
    mcp: [] as number[],
  };
  let mcpBytes = 0;
  let tools = 0;
  let schemaBytes = 0;
  let operations = 0;
  const types = targets.find((target) => target.name === "types");
  const mcp = targets.find((target) => target.name === "mcp");
  const validate = targets.find((target) => target.name === "validate");
  if (types === undefined || mcp === undefined || validate === undefined)
    throw new Error("no types, validate or mcp target");
  for (let round = 0; round < ROUNDS; round++) {
    // The contenders alternate within a round, so drift (other load on the machine) hits all alike.
    const { ws, api } = await workspace(join(temp, `pipeline-${round}`));
    const { ms, cpu: pipelineCpu } = await timedProcess(() =>
      run(process.execPath, [TYPES_PIPELINE, ws.configFile], { maxBuffer: 1 << 26 }),
    );
    pipeline.push(ms);
    cpu.pipeline.push(pipelineCpu);
    schemaBytes = (await stat(join(api.typesDir, "src", "generated", "schema.gen.ts"))).size;
    operations =
      (await readFile(join(api.typesDir, "src", "generated", "api.gen.ts"), "utf8")).match(
        /^ {2}\S.*: \{ method:/gm,
      )?.length ?? 0;

    const out = join(temp, `cli-${round}.ts`);
    const spec = join(ws.root, "specs", "github", "openapi.json");
    const args = [OPENAPI_TS_CLI, spec, "-o", out, "--root-types", "--root-types-no-schema-prefix"];
    const { ms: cliMs, cpu: cliCpu } = await timedProcess(() =>
      run(process.execPath, args, { maxBuffer: 1 << 26 }),
    );
    cli.push(cliMs);
    cpu.cli.push(cliCpu);

    const all = await workspace(join(temp, `all-${round}`));
    const { ms: allMs } = await timedProcess(() =>
      run(process.execPath, [LEADKIT_CLI, "generate", "--config", all.ws.configFile], { maxBuffer: 1 << 26 }),
    );
    withValidators.push(allMs);

    // The same pipeline step by step, to show where its time goes.
    const step = await workspace(join(temp, `phases-${round}`));
    const [checked, checkMs] = await timed(() => checkApi(step.ws, step.api, { bundle: true }));
    if (checked.problems.length > 0 || checked.document === undefined)
      throw new Error(`lint failed: ${JSON.stringify(checked.problems.slice(0, 5))}`);
    const context = {
      workspace: step.ws,
      api: step.api,
      document: checked.document,
      specVersion: SPEC_VERSION,
    };
    const [files, renderMs] = await timed(() => types.render(context));
    const [, writeMs] = await timed(async () => {
      for (const file of files) {
        await mkdir(dirname(file.file), { recursive: true });
        await writeFile(file.file, file.contents);
      }
    });
    phases.check.push(checkMs);
    const [, validateMs] = await timed(() => validate.render(context));
    phases.validate.push(validateMs);
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
    phases.render.push(renderMs);
    phases.write.push(writeMs);
    console.log(
      `  round ${round + 1}: pipeline ${seconds(ms)}, openapi-typescript CLI ${seconds(cliMs)} (${(ms / cliMs).toFixed(2)}x), pipeline + validators ${seconds(allMs)}`,
    );
    await rm(join(temp, `phases-${round}`), { recursive: true, force: true });
    await rm(join(temp, `all-${round}`), { recursive: true, force: true });
    await rm(join(temp, `pipeline-${round}`), { recursive: true, force: true });
  }

  const p = median(pipeline);
  const c = median(cli);
  console.log(`
| step | time |
| --- | --- |
| leadkit pipeline (the codegen's types target, a fresh process: lint + bundle -> types + aliases + spec copies -> write) | ${seconds(p)} |
| step by step: lint + bundle (Redocly in-process, one read of the spec, bench rules) | ${seconds(median(phases.check))} |
| step by step: render (openapi-typescript transform ${JSON.stringify(OPENAPI_TS_OPTIONS).replace(/"/g, "")}, aliases, JSON copy; the YAML copy on a worker thread meanwhile) | ${seconds(median(phases.render))} |
| step by step: write | ${seconds(median(phases.write))} |
| validators (not in the pipeline above: openapi-typescript makes none), rendered on their own | ${seconds(median(phases.validate))} |
| \`leadkit-codegen generate\`, a fresh process: the pipeline plus the validators, as the types package's \`codegen\` runs | ${seconds(median(withValidators))} |
| MCP target (not in the pipeline above: the bench has no MCP package): ${tools} tools, schemas inlined within budget | ${seconds(median(phases.mcp))} |
| baseline: openapi-typescript CLI alone (\`--root-types --root-types-no-schema-prefix\`) | ${seconds(c)} |
| pipeline / baseline | ${(p / c).toFixed(2)}x |
| pipeline + validators / baseline | ${(median(withValidators) / c).toFixed(2)}x |

CPU time (user + system, all threads), median: pipeline ${median(cpu.pipeline).toFixed(1)} s, openapi-typescript CLI ${median(cpu.cli).toFixed(1)} s (${(median(cpu.pipeline) / median(cpu.cli)).toFixed(2)}x; the pipeline's includes the YAML copy, written on a second thread). Load average at the end: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ")}.

Output: schema.gen.ts ${(schemaBytes / 1e6).toFixed(1)} MB, ${operations} operations in operationsById; tools.gen.ts ${(mcpBytes / 1e6).toFixed(1)} MB.`);
} finally {
  await rm(temp, { recursive: true, force: true });
}
