// One contender of the mock benchmark, in its own process so the load generator does not share
// its event loop: `bare` (a node:http server answering a fixed body after reading the request)
// or a mock package's built entry and start function. Prints its URL on stdout; on a `reset`
// line on stdin resets the mock (the bare server has nothing to reset) and prints `ok`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const [kind, entry, start, status, body] = process.argv.slice(2) as [string, string, string, string, string];

interface Resettable {
  readonly url: string;
  reset(): void;
}

async function bare(): Promise<Resettable> {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(Number(status), {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reset: () => {} };
}

async function mock(): Promise<Resettable> {
  const module = (await import(pathToFileURL(entry).href)) as Record<
    string,
    (options: object) => Promise<Resettable>
  >;
  return (module[start] as (options: object) => Promise<Resettable>)({ apiKey: "bench-key" });
}

const contender = kind === "bare" ? await bare() : await mock();
process.stdout.write(`${contender.url}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === "reset") {
    contender.reset();
    process.stdout.write("ok\n");
  }
}
process.exit(0);
