// Child processes, always asynchronous: the publish test runs a registry in a child process
// and a blocking call here would only make a hang harder to read.
import { spawn } from "node:child_process";

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Stream the child's output to ours instead of collecting it. */
  readonly inherit?: boolean;
  /** Fail (reject) on a non-zero exit code; true unless set. */
  readonly check?: boolean;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  /** stdout as bytes, for binary output such as `git show` of a non-text file. */
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.inherit ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const bytes = Buffer.concat(stdout);
      const result = {
        code: code ?? 1,
        stdout: bytes.toString("utf8"),
        stdoutBytes: bytes,
        stderr: Buffer.concat(stderr).toString("utf8"),
      };
      if (options.check !== false && result.code !== 0) {
        const output = `${result.stderr}\n${result.stdout}`.trim();
        reject(
          new Error(
            `\`${[command, ...args].join(" ")}\` failed with ${signal ?? `exit code ${result.code}`} in ${options.cwd}${output ? `:\n${output}` : ""}`,
          ),
        );
        return;
      }
      resolve(result);
    });
  });
}
