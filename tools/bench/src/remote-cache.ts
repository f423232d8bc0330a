// A turbo remote cache on 127.0.0.1: turborepo-remote-cache (a self-hosted server speaking
// turbo's remote-cache HTTP API, /v8/artifacts), with local-disk storage in a temp folder. The
// same server a team runs for real (see the README's "Remote cache"), started here for tests.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const CLI = join(dirname(require.resolve("turborepo-remote-cache/package.json")), "dist", "cli.js");

export interface RemoteCache {
  /** For TURBO_API. */
  readonly url: string;
  /** For TURBO_TOKEN. */
  readonly token: string;
  /** For TURBO_TEAM (any name: the server keeps one folder per team). */
  readonly team: string;
  /** The variables that point turbo at this cache. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startRemoteCache(storage: string, port = 0): Promise<RemoteCache> {
  const token = randomBytes(16).toString("hex");
  const team = "leadkit";
  const child: ChildProcess = spawn(process.execPath, [CLI], {
    env: {
      PATH: process.env.PATH ?? "",
      HOST: "127.0.0.1",
      PORT: String(port),
      STORAGE_PROVIDER: "local",
      STORAGE_PATH: storage,
      TURBO_TOKEN: token,
      LOG_LEVEL: "info",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`turborepo-remote-cache did not start:\n${output.join("")}`)),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString("utf8"));
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(""));
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`turborepo-remote-cache exited with ${code}:\n${output.join("")}`));
    });
  });
  return {
    url,
    token,
    team,
    env: { TURBO_API: url, TURBO_TOKEN: token, TURBO_TEAM: team },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
