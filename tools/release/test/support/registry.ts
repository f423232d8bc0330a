// A Verdaccio child process for the publish test, and the npm configuration that points at it.
import { type ChildProcess, spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const RUNNER = fileURLToPath(new URL("./verdaccio.mjs", import.meta.url));

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** A user's token, for publishing. */
  readonly token: string;
  /** The registry's `host:port/` as npmrc auth keys spell it: `//127.0.0.1:<port>/`. */
  readonly authKey: string;
  packument(
    name: string,
  ): Promise<
    { versions: Record<string, Record<string, unknown>>; "dist-tags": Record<string, string> } | undefined
  >;
  stop(): Promise<void>;
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Verdaccio did not start in 60 s:\n${output}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/LISTENING (\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited with ${code}:\n${output}`));
    });
  });
}

export async function startRegistry(dir: string): Promise<Registry> {
  const child = spawn(process.execPath, [RUNNER, dir], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await waitForPort(child);
    const url = `http://127.0.0.1:${port}/`;
    const response = await fetch(`${url}-/user/org.couchdb.user:leadkit`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "leadkit", password: "leadkit-publish-test" }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!response.ok || token === undefined)
      throw new Error(`Verdaccio refused the user: ${response.status}`);
    return {
      url,
      token,
      authKey: `//127.0.0.1:${port}/`,
      async packument(name) {
        const reply = await fetch(`${url}${name.replace("/", "%2f")}`);
        if (reply.status === 404) return undefined;
        return (await reply.json()) as Awaited<ReturnType<Registry["packument"]>>;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The user npmrc for publishing `scope` to the registry, used through `npm_config_userconfig`
 * (the real ~/.npmrc is neither read nor touched, so no token of the machine's is in reach and
 * nothing can be published anywhere else). The scope must be in the file: pnpm publish hands
 * npm its config as environment variables and mangles `npm_config_@scope:registry` on the way.
 */
export async function writePublishNpmrc(file: string, registry: Registry, scope: string): Promise<void> {
  await writeFile(
    file,
    `${scope}:registry=${registry.url}\n${registry.authKey}:_authToken=${registry.token}\n`,
  );
}
