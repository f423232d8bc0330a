// The benchmark every API client runs (`pnpm bench`): what leadkit costs on top of openapi-fetch
// and a raw fetch, with a stubbed fetch (pure client overhead) and over real loopback HTTP, the
// throughput of the API's generated validators against Ajv compiled at run time from the same
// JSON Schema, plus the client's browser bundle size. It prints figures and ratios; it asserts nothing (the size
// budget is a test). Rounds alternate between contenders so drift hits all alike; the median
// round counts.
// Dev-only (not published): imported by the API packages' bench/index.ts.
import { execFile, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { BUNDLE_BUDGET_BYTES, bundleSize } from "./bundle.js";

// ajv-formats is CommonJS: its default export arrives wrapped once more under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export interface CallSetup {
  readonly baseUrl: string;
  readonly fetch: (request: Request) => Promise<Response>;
  /** 0: no timeout, so no AbortSignal; otherwise the call must be abortable after this long. */
  readonly timeoutMs: number;
}

/** A call under test, built for a base URL, a fetch implementation and a timeout. */
export type CallFactory = (setup: CallSetup) => () => Promise<unknown>;

export interface BenchOptions {
  /** e.g. `@leadkit/drivly updateLead` */
  readonly title: string;
  /** The success answer of the operation (status and JSON body), the same for every contender. */
  readonly response: { readonly status: number; readonly json: unknown };
  readonly leadkit: CallFactory;
  readonly openapiFetch: CallFactory;
  readonly raw: CallFactory;
  /** The package's built entry, bundled for the size figure. */
  readonly bundleEntry: string;
  /** A generated validator and the JSON Schema it was compiled from, with values to check. */
  readonly validation?: ValidationBench;
}

export interface ValidationBench {
  /** What is validated, e.g. `updateLeadBody`. */
  readonly name: string;
  /** The validator as users call it (`@leadkit/<api>-types/validate`). */
  readonly validator: { readonly "~standard": { validate(value: unknown): unknown } };
  /** The JSON Schema it was compiled from (`validatorSchemas(spec).document(...)`, @leadkit/codegen). */
  readonly schema: object;
  /** Values to validate, by name; each is measured on its own. */
  readonly samples: Readonly<Record<string, unknown>>;
}

/**
 * The validation contenders, one per sample and validator: leadkit's Standard Schema `validate`,
 * Ajv compiled at run time from the same schema with the same options (stop at the first error,
 * ajv-formats, strict numbers) and Ajv collecting every error (what leadkit reports on failure).
 */
function validationContenders(bench: ValidationBench): Record<string, Record<string, () => unknown>> {
  const compile = (allErrors: boolean) => {
    const ajv = new Ajv2020({ strict: false, strictNumbers: true, allErrors, logger: false });
    addFormats(ajv);
    return ajv.compile(bench.schema);
  };
  const [ajv, ajvAll] = [compile(false), compile(true)];
  const validate = bench.validator["~standard"].validate;
  return Object.fromEntries(
    Object.entries(bench.samples).map(([sample, value]) => {
      if (ajv(value) !== !(validate(value) as { issues?: unknown }).issues)
        throw new Error(`leadkit and Ajv disagree on the sample "${sample}"`);
      return [
        sample,
        {
          leadkit: () => validate(value),
          "Ajv (same options)": () => ajv(value),
          "Ajv (allErrors)": () => ajvAll(value),
        },
      ];
    }),
  );
}

/** Calls per second of a synchronous call, median of alternating rounds. */
function compareSync(contenders: Record<string, () => unknown>, calls: number): Record<string, number> {
  const rounds: Record<string, number[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  );
  for (const call of Object.values(contenders)) for (let i = 0; i < calls; i++) call(); // warm-up
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, call] of Object.entries(contenders)) {
      collect();
      const begin = performance.now();
      for (let i = 0; i < calls; i++) call();
      rounds[name]?.push(calls / ((performance.now() - begin) / 1000));
    }
  return Object.fromEntries(Object.entries(rounds).map(([name, values]) => [name, median(values)]));
}

/** Prints each contender's figure and leadkit's ratio to both Ajv baselines. */
function reportValidation(title: string, results: Record<string, number>, unit: (speed: number) => string) {
  console.log(`\n${title}`);
  for (const [name, speed] of Object.entries(results))
    console.log(`  ${name.padEnd(24)}${unit(speed).padStart(24)}`);
  const ratio = (base: string) => (results.leadkit as number) / (results[base] as number);
  const same = ratio("Ajv (same options)");
  console.log(
    `  leadkit / Ajv (same options): ${same.toFixed(2)}x (target >= 1x: ${same >= 1 ? "met" : "NOT met"})`,
  );
  console.log(`  leadkit / Ajv (allErrors): ${ratio("Ajv (allErrors)").toFixed(2)}x`);
}

// Many short rounds, alternating between contenders: a burst of load from elsewhere on the
// machine then spoils a few rounds of each, and the median ignores them.
const ROUNDS = 25;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Ops/s of `call` over `total` calls, `concurrency` in flight at once. */
async function opsPerSecond(
  call: () => Promise<unknown>,
  total: number,
  concurrency: number,
): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return total / ((performance.now() - begin) / 1000);
}

async function compare(
  contenders: Record<string, () => Promise<unknown>>,
  total: number,
  concurrency: number,
): Promise<Record<string, number>> {
  for (const call of Object.values(contenders)) await opsPerSecond(call, Math.ceil(total / 4), concurrency); // warm-up
  const rounds: Record<string, number[]> = Object.fromEntries(
    Object.keys(contenders).map((name) => [name, []]),
  );
  // A collection before every round (the bench script passes --expose-gc), so no contender pays
  // for the garbage the previous one left (signals leave a lot on Node 20).
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, call] of Object.entries(contenders)) {
      collect();
      rounds[name]?.push(await opsPerSecond(call, total, concurrency));
    }
  return Object.fromEntries(Object.entries(rounds).map(([name, values]) => [name, median(values)]));
}

function format(ops: number): string {
  return `${Math.round(ops).toLocaleString("en-US")} ops/s`;
}

/**
 * Prints each contender's figure and leadkit's ratios to the baselines. `results` are speeds
 * (higher is faster); `unit` prints one (ops/s by default).
 */
function report(
  title: string,
  results: Record<string, number>,
  baseline: string,
  target: number,
  unit: (speed: number) => string = format,
): void {
  console.log(`\n${title}`);
  for (const [name, speed] of Object.entries(results))
    console.log(`  ${name.padEnd(24)}${unit(speed).padStart(20)}`);
  const ratio = (name: string, base: string) => (results[name] as number) / (results[base] as number);
  const verdict = (value: number) => `target >= ${target}x: ${value >= target ? "met" : "NOT met"}`;
  console.log(
    `  leadkit / ${baseline}: ${ratio("leadkit", baseline).toFixed(2)}x (${verdict(ratio("leadkit", baseline))})`,
  );
  const quick = ratio("leadkit, timeoutMs 0", baseline);
  console.log(`  leadkit, timeoutMs 0 / ${baseline}: ${quick.toFixed(2)}x (${verdict(quick)})`);
  console.log(`  leadkit / ${baseline} + signal: ${ratio("leadkit", `${baseline} + signal`).toFixed(2)}x`);
  const other = baseline === "raw fetch" ? "openapi-fetch" : "raw fetch";
  console.log(`  leadkit / ${other}: ${ratio("leadkit", other).toFixed(2)}x`);
  console.log(`  openapi-fetch / raw fetch: ${ratio("openapi-fetch", "raw fetch").toFixed(2)}x`);
}

/** Set in the child processes that valgrind runs: `<contender>:<calls>`. */
const CHILD = "LEADKIT_BENCH_CONTENDER";

/** Instructions valgrind's callgrind counted for one child run of `calls` calls of a contender. */
async function instructions(contender: string, calls: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "leadkit-callgrind-"));
  try {
    const out = join(dir, "callgrind.out");
    await promisify(execFile)(
      "valgrind",
      [
        "--tool=callgrind",
        `--callgrind-out-file=${out}`,
        "-q",
        process.execPath,
        ...process.execArgv,
        ...process.argv.slice(1),
      ],
      { env: { ...process.env, [CHILD]: `${contender}:${calls}` }, maxBuffer: 1 << 24 },
    );
    const summary = /^summary: (\d+)$/m.exec(await readFile(out, "utf8"));
    if (summary === null) throw new Error(`no callgrind summary for ${contender}`);
    return Number(summary[1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Instructions per call, counted by callgrind: unlike ops/s it does not move with the machine's
 * load. Each contender runs twice (few and many calls) so start-up cancels out of the difference.
 */
async function instructionsPerCall(
  names: readonly string[],
  [few, many]: readonly [number, number] = [2_000, 6_000],
): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of names) {
    const [low, high] = await Promise.all([instructions(name, few), instructions(name, many)]);
    result[name] = (high - low) / (many - few);
  }
  return result;
}

export async function runBenchmarks(options: BenchOptions): Promise<void> {
  const body = JSON.stringify(options.response.json);
  const headers = { "content-type": "application/json; charset=utf-8" };
  const child = process.env[CHILD];
  if (child === undefined) console.log(`${options.title}: Node ${process.version}, ${ROUNDS} rounds, median`);

  // 1. Client overhead: fetch answers at once from memory, so only the client's own work counts.
  // Rows "+ signal" give the others the AbortSignal a timeout needs, which leadkit always has by
  // default (timeoutMs 30,000): on Node 20 a Request that follows a signal is much slower to build.
  const stub = async (_request: Request) => new Response(body, { status: options.response.status, headers });
  const setup = (baseUrl: string, fetch: CallSetup["fetch"], timeoutMs = 30_000) => ({
    baseUrl,
    fetch,
    timeoutMs,
  });
  const offline = "https://bench.invalid";
  const stubbedContenders: Record<string, () => Promise<unknown>> = {
    leadkit: options.leadkit(setup(offline, stub)),
    "leadkit, timeoutMs 0": options.leadkit(setup(offline, stub, 0)),
    "openapi-fetch": options.openapiFetch(setup(offline, stub, 0)),
    "openapi-fetch + signal": options.openapiFetch(setup(offline, stub)),
    "raw fetch": options.raw(setup(offline, stub, 0)),
  };
  const validation = options.validation === undefined ? {} : validationContenders(options.validation);
  if (child !== undefined) {
    // A child run under valgrind: only the calls, nothing printed.
    const [name = "", calls = "0"] = child.split(/:(?=\d+$)/);
    const [sample, contender] = name.split(" / ");
    const check = validation[sample as string]?.[contender as string];
    if (check !== undefined) {
      for (let i = 0; i < Number(calls); i++) check();
      return;
    }
    const call = stubbedContenders[name];
    if (call === undefined) throw new Error(`unknown contender ${name}`);
    for (let i = 0; i < Number(calls); i++) await call();
    return;
  }
  const stubbed = await compare(stubbedContenders, 2_000, 1);
  report("Overhead, stubbed fetch (2,000 sequential calls per round)", stubbed, "openapi-fetch", 0.9);

  // 1b. The same overhead in instructions per call: independent of other load on the machine
  // (JIT and GC timing still move counts and ratios by 10-20% between runs, against ±20% and more
  // for ops/s here), so it shows what the ops/s figures above cannot on a busy machine. Needs valgrind (Debian: apt-get install valgrind).
  if (spawnSync("valgrind", ["--version"]).status === 0) {
    const counted = await instructionsPerCall(Object.keys(stubbedContenders));
    // As a speed (calls per instruction), so the ratios read like the ops/s ones.
    const speeds = Object.fromEntries(Object.entries(counted).map(([name, count]) => [name, 1 / count]));
    report(
      "Overhead in instructions per call (valgrind callgrind, stubbed fetch; fewer is faster)",
      speeds,
      "openapi-fetch",
      0.9,
      (speed) => `${Math.round(1 / speed).toLocaleString("en-US")} instructions`,
    );
  } else {
    console.log("\n(valgrind not found: instruction counts skipped; apt-get install valgrind to get them)");
  }

  // 2. Real HTTP on loopback, through the platform fetch, 8 calls in flight.
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(options.response.status, headers).end(body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const platform = (request: Request) => fetch(request);
    const loopback = await compare(
      {
        leadkit: options.leadkit(setup(origin, platform)),
        "leadkit, timeoutMs 0": options.leadkit(setup(origin, platform, 0)),
        "openapi-fetch": options.openapiFetch(setup(origin, platform, 0)),
        "raw fetch": options.raw(setup(origin, platform, 0)),
        "raw fetch + signal": options.raw(setup(origin, platform)),
      },
      400,
      8,
    );
    report("Loopback HTTP throughput (400 calls per round, 8 in flight)", loopback, "raw fetch", 0.95);
  } finally {
    server.closeAllConnections();
    server.close();
  }

  // 3. The generated validators against Ajv compiled at run time from the same schema.
  const valgrind = spawnSync("valgrind", ["--version"]).status === 0;
  for (const [sample, contenders] of Object.entries(validation)) {
    const title = `Validation of ${options.validation?.name}: ${sample}`;
    reportValidation(`${title} (validations per second)`, compareSync(contenders, 20_000), format);
    if (!valgrind) continue;
    const names = Object.keys(contenders).map((contender) => `${sample} / ${contender}`);
    const counted = await instructionsPerCall(names, [20_000, 60_000]);
    reportValidation(
      `${title} (instructions per validation, callgrind; fewer is faster)`,
      Object.fromEntries(Object.entries(counted).map(([name, count]) => [name.split(" / ")[1], 1 / count])),
      (speed) => `${Math.round(1 / speed).toLocaleString("en-US")} instructions`,
    );
  }

  // 4. What a browser app ships: the client up front, and what `validate` loads on first use.
  const size = await bundleSize(options.bundleEntry);
  const bytes = (value: number) => `${value.toLocaleString("en-US")} B`;
  console.log(
    `\nBundle (esbuild, code splitting, minified, gzip -9; runtime and openapi-fetch included)\n  client: ${bytes(size.minified)} minified, ${bytes(size.gzipped)} gzipped (budget ${bytes(BUNDLE_BUDGET_BYTES)}: ${size.gzipped <= BUNDLE_BUDGET_BYTES ? "within" : "OVER"})\n  + validate (loaded on first use: the runtime's checks and this API's validators): ${bytes(size.lazy.minified)} minified, ${bytes(size.lazy.gzipped)} gzipped`,
  );
}
