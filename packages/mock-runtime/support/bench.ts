// The benchmark every mock package runs (`pnpm bench`): requests per second the mock serves on
// loopback, against a bare node:http server answering the same status and a fixed body, in the
// same run. Each server runs in its own process; the load comes from this one (keep-alive, 8
// in flight). Rounds alternate between the two, the median round counts, and the mock is reset
// before each round so its store does not grow across the run. It prints figures and the ratio;
// it asserts nothing. Dev-only (not published): imported by the mock packages' bench/index.ts.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { MockDefinition } from "../src/index.js";
import { authFor, exampleRequests } from "./requests.js";

export interface MockBenchOptions {
  /** e.g. `@leadkit/dealer-studio-mock` */
  readonly title: string;
  readonly definition: MockDefinition;
  /** The package's built entry (dist/index.js) and its start function's name. */
  readonly entry: string;
  readonly start: string;
}

const ROUNDS = 15;
const PER_ROUND = 400;
const IN_FLIGHT = 8;
const TARGET = 0.5;

interface Contender {
  readonly url: string;
  readonly child: ChildProcessWithoutNullStreams;
  reset(): Promise<void>;
}

async function startContender(args: string[]): Promise<Contender> {
  const script = fileURLToPath(new URL("./bench-server.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString("utf8");
  });
  const first = await lines.next();
  if (first.done) throw new Error(`the bench server did not start:\n${errors}`);
  return {
    url: first.value,
    child,
    async reset() {
      child.stdin.write("reset\n");
      await lines.next();
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function runMockBench(options: MockBenchOptions): Promise<void> {
  const example =
    exampleRequests(options.definition).find((candidate) => candidate.body !== undefined) ??
    exampleRequests(options.definition)[0];
  if (example === undefined) throw new Error(`${options.title}: the spec has no operation to send`);
  const auth = authFor(options.definition, "bench-key");
  const search = new URLSearchParams({ ...example.query, ...auth.query }).toString();
  const path = `${options.definition.basePath}${example.path}${search ? `?${search}` : ""}`;
  const payload = example.body === undefined ? undefined : JSON.stringify(example.body);
  const headers = {
    ...auth.headers,
    ...(payload === undefined
      ? {}
      : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
  };
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

  const send = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const target = new URL(url);
      const outgoing = request(
        { host: target.hostname, port: target.port, path, method: example.operation.method, headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(payload);
    });

  const mock = await startContender(["mock", options.entry, options.start]);
  const sample = await send(mock.url);
  if (String(sample.status) !== example.operation.successStatus)
    throw new Error(
      `${options.title}: the mock answered the bench request with ${sample.status}: ${sample.body}`,
    );
  const bare = await startContender(["bare", "", "", String(sample.status), sample.body]);

  const round = async (contender: Contender) => {
    await contender.reset();
    let sent = 0;
    const worker = async () => {
      while (sent < PER_ROUND) {
        sent++;
        const answer = await send(contender.url);
        if (answer.status !== sample.status) throw new Error(`unexpected ${answer.status}: ${answer.body}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    return PER_ROUND / ((performance.now() - started) / 1000);
  };

  try {
    for (const contender of [bare, mock]) await round(contender); // warm-up
    const results = { bare: [] as number[], mock: [] as number[] };
    for (let index = 0; index < ROUNDS; index++) {
      results.bare.push(await round(bare));
      results.mock.push(await round(mock));
    }
    const bareSpeed = median(results.bare);
    const mockSpeed = median(results.mock);
    const ratio = mockSpeed / bareSpeed;
    const format = (speed: number) => `${Math.round(speed).toLocaleString("en-US")} req/s`.padStart(14);
    console.log(
      [
        `${options.title}: ${example.operation.method} ${example.operation.path} (${example.name}, "${example.example}" example), Node ${process.version}, ${ROUNDS} rounds of ${PER_ROUND} requests, ${IN_FLIGHT} in flight, median`,
        "",
        "Loopback throughput (each server in its own process)",
        `  mock (validates, stores, logs)  ${format(mockSpeed)}`,
        `  bare node:http, fixed body      ${format(bareSpeed)}`,
        `  mock / bare: ${ratio.toFixed(2)}x (target >= ${TARGET}x: ${ratio >= TARGET ? "met" : "NOT met"})`,
      ].join("\n"),
    );
  } finally {
    agent.destroy();
    for (const contender of [mock, bare]) contender.child.kill();
  }
}
