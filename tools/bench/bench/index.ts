// `pnpm bench` (this package): what the pipeline costs as it grows, measured in one run.
//
// 1. Builds on a temp copy of this working tree (installed offline from the pnpm store): the
//    cold main build (`turbo run generate build`, empty cache: the baseline), a no-op
//    `pnpm build` and `pnpm run main` right after it, and the main build after a one-spec edit
//    (with how many of its tasks ran).
// 2. The consumer's type-check cost: `tsc --extendedDiagnostics` on a file that calls both
//    leadkit clients, against the baseline of the same calls through bare openapi-fetch and the
//    types packages, and a file that imports nothing (the compiler's fixed cost).
// LEADKIT_BENCH_ROUNDS (default 3) rounds of each type-check; the median counts.
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { copyWorkspace } from "@leadkit/testing";
import { MAIN_TASKS, runSeconds, runTurbo, type TurboRun } from "../src/turbo.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const TSC = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");
const CONSUMER = fileURLToPath(new URL("./consumer/", import.meta.url));
const ROUNDS = Number(process.env.LEADKIT_BENCH_ROUNDS ?? 3);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

async function pipelineBench(): Promise<void> {
  console.log("pipeline bench: a temp copy of the working tree, installed offline from the pnpm store\n");
  const started = performance.now();
  const copy = await copyWorkspace({ install: true });
  const installSeconds = (performance.now() - started) / 1000;
  try {
    const cold = await runTurbo(copy, MAIN_TASKS);
    const noopBuild = await runTurbo(copy, ["build"]);
    const noopMain = await runTurbo(copy, MAIN_TASKS);
    const spec = join(copy.root, "specs", "drivly", "openapi.yaml");
    writeFileSync(
      spec,
      readFileSync(spec, "utf8").replace(
        /^ {2}version: (\d+)\.(\d+)\.(\d+)$/m,
        (_m, a, b, c) => `  version: ${a}.${b}.${Number(c) + 1}`,
      ),
    );
    const loadAtEdit = loadavg()
      .map((value) => value.toFixed(1))
      .join(" / ");
    const edit = await runTurbo(copy, MAIN_TASKS);
    const total = cold.ran.length + cold.cached.length;
    const base = runSeconds(cold);
    const cpu = (run: TurboRun) => (run.cpuSeconds === undefined ? "?" : `${run.cpuSeconds.toFixed(1)} s`);
    const row = (name: string, run: TurboRun, of: number) =>
      `| ${name} | ${runSeconds(run).toFixed(1)} s | ${pct(runSeconds(run), base)} | ${cpu(run)} | ${run.ran.length} of ${of} |`;
    console.log(`| build (\`turbo run ${MAIN_TASKS.join(" ")}\`) | wall time | vs cold | CPU time | tasks run |
| --- | --- | --- | --- | --- |
${row("cold: empty cache (baseline)", cold, total)}
${row("no-op `pnpm build` right after", noopBuild, noopBuild.ran.length + noopBuild.cached.length)}
${row("no-op `pnpm run main` right after", noopMain, total)}
${row("after editing specs/drivly/openapi.yaml", edit, edit.ran.length + edit.cached.length)}

(pnpm install of the copy: ${installSeconds.toFixed(1)} s; load average when the edit build started: ${loadAtEdit}.) Tasks the edit ran: ${edit.ran.join(", ")}.
`);
  } finally {
    await copy.cleanup();
  }
}

interface Diagnostics {
  readonly checkSeconds: number;
  readonly totalSeconds: number;
  readonly instantiations: number;
  readonly types: number;
  readonly memoryMb: number;
}

async function typeCheck(name: string): Promise<Diagnostics> {
  const { stdout } = await run(process.execPath, [
    TSC,
    "-p",
    join(CONSUMER, `tsconfig.${name}.json`),
    "--extendedDiagnostics",
  ]);
  const value = (label: string) => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout);
    if (match?.[1] === undefined) throw new Error(`tsc printed no "${label}":\n${stdout}`);
    return Number(match[1]);
  };
  return {
    checkSeconds: value("Check time"),
    totalSeconds: value("Total time"),
    instantiations: value("Instantiations"),
    types: value("Types"),
    memoryMb: value("Memory used") / 1024,
  };
}

async function consumerBench(): Promise<void> {
  const contenders = [
    ["leadkit", "calls both leadkit clients (`leadkit.ts`)"],
    ["openapi-fetch", "baseline: the same calls through bare openapi-fetch + the types packages"],
    ["empty", "floor: a file that imports nothing"],
  ] as const;
  const results = new Map<string, Diagnostics[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name] of contenders) results.set(name, [...(results.get(name) ?? []), await typeCheck(name)]);
  }
  const summary = (name: string) => {
    const rounds = results.get(name) ?? [];
    return {
      check: median(rounds.map((r) => r.checkSeconds)),
      total: median(rounds.map((r) => r.totalSeconds)),
      instantiations: rounds[0]?.instantiations ?? 0,
      types: rounds[0]?.types ?? 0,
      memory: median(rounds.map((r) => r.memoryMb)),
    };
  };
  console.log(`consumer type-check bench: \`tsc --extendedDiagnostics\` (TypeScript ${require("typescript/package.json").version}), ${ROUNDS} round(s), median

| consumer file | check time | total time | instantiations | types | memory |
| --- | --- | --- | --- | --- | --- |
${contenders
  .map(([name, label]) => {
    const s = summary(name);
    return `| ${label} | ${s.check.toFixed(2)} s | ${s.total.toFixed(2)} s | ${s.instantiations} | ${s.types} | ${s.memory.toFixed(0)} MB |`;
  })
  .join("\n")}
`);
}

const only = process.argv[2];
if (only === undefined || only === "consumer") await consumerBench();
if (only === undefined || only === "pipeline") await pipelineBench();
