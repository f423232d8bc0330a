// End to end, against a real registry: a copy of this working tree is versioned with a
// changeset and published by `pnpm release` into a local Verdaccio; a fresh npm project outside
// the repo installs the clients and their mocks from it, type-checks a consumer under `node16`
// and `bundler` resolution and runs it against a local HTTP server, and runs the mocks' README
// examples as its own vitest tests (against the mock server and the MSW handlers); what a client
// alone installs holds nothing of the mocks; each API's MCP server starts from the registry with
// `npx -y`, as MCP clients' configurations run it. Then a spec change goes through
// `pnpm spec:diff --write`, `pnpm version-packages` and `pnpm release` again, and only the
// changed API's packages get a new version, with the spec change in their CHANGELOG.
//
// Everything happens in one temp folder (repo copy, registry storage, consumer project, npm
// cache), removed at the end; the registry and the HTTP server are stopped. It is slow
// (two installs, two builds and test runs of the packages).

import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import {
  loadWorkspace,
  mcpPackageDir,
  mcpPackageName,
  mockPackageDir,
  mockPackageName,
  type OpenApiDocument,
  pascalCase,
  resolveRef,
} from "@leadkit/codegen";
import { cleanEnv } from "@leadkit/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { run } from "../src/exec.js";
import { apiPackages, listPackages } from "../src/workspace.js";
import { git } from "./helpers.js";
import { type ApiServer, type Call, callsOf, consumerSource, startApiServer } from "./support/api.js";
import { type Registry, startRegistry, writePublishNpmrc } from "./support/registry.js";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const require = createRequire(import.meta.url);
const TSC = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");

const timings: Array<[step: string, seconds: number]> = [];
async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await body();
  } finally {
    timings.push([name, Math.round((performance.now() - started) / 100) / 10]);
  }
}

let temp: string;
let clone: string;
let registry: Registry | undefined;
let server: ApiServer | undefined;
let env: NodeJS.ProcessEnv;
let consumerEnv: NodeJS.ProcessEnv;

const sh = (cwd: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}) =>
  run(command, args, { cwd, env: options.env ?? env });
const pnpm = (...args: string[]) => sh(clone, "pnpm", args);
const commit = async (message: string) => {
  await git(clone, "add", "-A");
  await git(clone, "commit", "-q", "-m", message);
};

/** The working tree as git sees it (tracked and untracked, minus ignored): what would be committed. */
async function copyWorkingTree(to: string): Promise<void> {
  const listing = await git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
  for (const file of new Set(listing.split("\0").filter(Boolean))) {
    await mkdir(dirname(join(to, file)), { recursive: true });
    await cp(join(REPO, file), join(to, file), { force: true, preserveTimestamps: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error; // deleted in the working tree
      },
    );
  }
}

async function publicVersions(root: string): Promise<Record<string, string>> {
  const packages = (await listPackages(root)).filter((pkg) => pkg.manifest.private !== true);
  return Object.fromEntries(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
}

async function registryVersions(names: readonly string[]): Promise<Record<string, string[]>> {
  const entries = await Promise.all(
    names.map(
      async (name) => [name, Object.keys((await registry?.packument(name))?.versions ?? {})] as const,
    ),
  );
  return Object.fromEntries(entries);
}

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), "leadkit-release-e2e-"));
  clone = join(temp, "repo");
  await step("copy the working tree, commit it on main", async () => {
    await mkdir(clone);
    await copyWorkingTree(clone);
    await git(clone, "init", "-q", "-b", "main");
    await commit("working tree of leadkit");
  });
  registry = await step("start Verdaccio", () => startRegistry(join(temp, "registry")));
  const npmrc = join(temp, "publish.npmrc");
  await writePublishNpmrc(npmrc, registry, "@leadkit");
  env = cleanEnv({
    // Only the @leadkit scope goes to Verdaccio, every other package still comes from npm:
    // here for changesets' `npm info`, in the npmrc for `npm publish`.
    "npm_config_@leadkit:registry": registry.url,
    npm_config_userconfig: npmrc,
    npm_config_cache: join(temp, "npm-cache"),
    LEADKIT_PROVENANCE: "false",
    GIT_AUTHOR_NAME: "leadkit test",
    GIT_AUTHOR_EMAIL: "test@leadkit.invalid",
    GIT_COMMITTER_NAME: "leadkit test",
    GIT_COMMITTER_EMAIL: "test@leadkit.invalid",
  });
  consumerEnv = cleanEnv({ npm_config_cache: join(temp, "npm-cache"), npm_config_update_notifier: "false" });
  await step("pnpm install (repo copy)", () =>
    pnpm("install", process.env.CI ? "--frozen-lockfile" : "--no-frozen-lockfile", "--prefer-offline"),
  );
}, 900_000);

afterAll(async () => {
  await server?.close();
  await registry?.stop();
  if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  console.log(
    `publish test timings (s):\n${timings.map(([name, s]) => `  ${String(s).padStart(6)}  ${name}`).join("\n")}`,
  );
}, 60_000);

describe("release into a real registry", () => {
  let before: Record<string, string>;
  let firstVersions: Record<string, string>;
  let calls: Call[];

  it("versions every public package with a changeset and publishes them with `pnpm release`", async () => {
    before = await publicVersions(clone);
    const names = Object.keys(before);
    expect(names.length).toBeGreaterThan(0);
    await writeFile(
      join(clone, ".changeset", "first-release.md"),
      `---\n${names.map((name) => `"${name}": minor`).join("\n")}\n---\n\nFirst release from leadkit.\n`,
    );
    await commit("changeset: first release");
    await step("pnpm version-packages (first)", () => pnpm("version-packages"));
    await commit("version packages");
    firstVersions = await publicVersions(clone);
    for (const [name, version] of Object.entries(before)) {
      expect(firstVersions[name], name).toBe(semver.inc(version, "minor"));
    }
    await step("pnpm release (first)", () => pnpm("release"));
    const published = await registryVersions(names);
    expect(published).toEqual(Object.fromEntries(names.map((name) => [name, [firstVersions[name]]])));

    // Every API package records the spec version it was generated from, as published.
    const workspace = loadWorkspace(join(clone, "redocly.yaml"));
    for (const { api, packages } of await apiPackages(workspace)) {
      const spec = parse(await readFile(api.specFile, "utf8")) as { info: { version: string } };
      for (const pkg of packages) {
        const manifest = (await registry?.packument(pkg.manifest.name))?.versions[
          firstVersions[pkg.manifest.name] ?? ""
        ];
        expect(manifest?.leadkit, pkg.manifest.name).toEqual({
          api: api.name,
          specVersion: spec.info.version,
        });
        expect(JSON.stringify(manifest?.dependencies ?? {})).not.toContain("workspace:");
      }
    }
  }, 1_200_000);

  it("installs the clients and their mocks from the registry into a fresh project that type-checks (node16, bundler), runs, and tests with the mocks", async () => {
    const workspace = loadWorkspace(join(clone, "redocly.yaml"));
    const clients = workspace.apis.map((api) => ({ api: api.name, packageName: api.clientPackageName }));
    const mocks = workspace.apis
      .filter((api) => existsSync(join(mockPackageDir(api), "package.json")))
      .map((api) => ({ api, packageName: mockPackageName(api), dir: mockPackageDir(api) }));
    // The test runner and MSW the mocks' examples use, at the versions the workspace pins.
    const pinned = JSON.parse(
      await readFile(join(clone, "packages", "mock-runtime", "package.json"), "utf8"),
    ) as {
      devDependencies: Record<string, string>;
    };
    const devTools = ["vitest", "msw"].map((name) => `${name}@${pinned.devDependencies[name]}`);
    const consumer = join(temp, "consumer");
    await mkdir(consumer);
    await writeFile(
      join(consumer, "package.json"),
      `${JSON.stringify({ name: "leadkit-consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
    // The project's own .npmrc: the @leadkit scope comes from Verdaccio only (and the lockfile
    // records where each package came from, whatever the machine's npmrc says).
    await writeFile(
      join(consumer, ".npmrc"),
      `@leadkit:registry=${registry?.url}\nomit-lockfile-registry-resolved=false\n`,
    );
    await step("npm install the clients, their mocks, vitest and msw (fresh project)", () =>
      sh(
        consumer,
        "npm",
        [
          "install",
          "--no-audit",
          "--no-fund",
          ...clients.map((client) => client.packageName),
          ...mocks.map((mock) => mock.packageName),
          ...devTools,
        ],
        {
          env: consumerEnv,
        },
      ),
    );
    const lock = JSON.parse(await readFile(join(consumer, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version: string; resolved?: string; dependencies?: Record<string, string> }>;
    };
    // What installing a client pulls in: the closure of its dependencies, as npm resolved them.
    const closure = (name: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(name)) return seen;
      seen.add(name);
      for (const dependency of Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {}))
        closure(dependency, seen);
      return seen;
    };
    for (const client of clients) {
      const pulled = [...closure(client.packageName)].sort();
      expect(
        pulled.filter((name) => /mock|^msw$|openapi-backend|^ajv/.test(name)),
        client.packageName,
      ).toEqual([]);
      expect(pulled.filter((name) => name.startsWith("@leadkit/"))).toEqual(
        [client.packageName, `${client.packageName}-types`, "@leadkit/runtime"].sort(),
      );
    }
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path.startsWith("node_modules/@leadkit/")) expect(entry.resolved, path).toContain(registry?.url);
    }
    for (const client of clients) {
      expect(lock.packages[`node_modules/${client.packageName}`]?.version).toBe(
        firstVersions[client.packageName],
      );
    }
    // A client alone never brings the MCP server's dependencies.
    for (const path of Object.keys(lock.packages))
      expect(path).not.toMatch(/node_modules\/(@modelcontextprotocol\/|@leadkit\/mcp-runtime$|zod$)/);

    calls = [];
    for (const { api } of clients) {
      const specFile = join(
        consumer,
        "node_modules",
        `${workspace.scope}/${api}-types`,
        "spec",
        "openapi.json",
      );
      calls.push(...callsOf(api, JSON.parse(await readFile(specFile, "utf8")) as OpenApiDocument));
    }
    server = await startApiServer(calls);
    await writeFile(join(consumer, "consumer.ts"), consumerSource(clients, calls, server.url));
    const tsconfig = (options: Record<string, unknown>) =>
      `${JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], types: [], strict: true, skipLibCheck: false, ...options }, files: ["consumer.ts"] }, null, 2)}\n`;
    await writeFile(
      join(consumer, "tsconfig.node16.json"),
      tsconfig({ module: "node16", moduleResolution: "node16", outDir: "dist" }),
    );
    await writeFile(
      join(consumer, "tsconfig.bundler.json"),
      tsconfig({ module: "ESNext", moduleResolution: "bundler", noEmit: true }),
    );
    await step("tsc, moduleResolution node16 and bundler", async () => {
      await sh(consumer, process.execPath, [TSC, "-p", "tsconfig.node16.json"], { env: consumerEnv });
      await sh(consumer, process.execPath, [TSC, "-p", "tsconfig.bundler.json"], { env: consumerEnv });
    });
    const { stdout } = await sh(consumer, process.execPath, ["dist/consumer.js"], { env: consumerEnv });
    const results = JSON.parse(stdout) as Record<string, unknown>;
    for (const client of clients) {
      expect(results[`${client.api}@version`]).toBe(firstVersions[client.packageName]);
    }
    for (const call of calls) {
      expect(results[`${call.api}.${call.operation.name}`], call.operation.name).toEqual(call.response);
      const request = server.received.find(
        (received) =>
          received.method === call.operation.method.toUpperCase() && received.url.startsWith(`/${call.api}/`),
      );
      expect(request?.authorization).toBe("Bearer test-key");
      expect(request?.body).toEqual(call.body);
    }

    // The mocks' README examples (the server's and the MSW handlers'), as the project's own tests.
    const tests = join(consumer, "test");
    await mkdir(tests);
    const copied: string[] = [];
    for (const mock of mocks) {
      const examples = join(mock.dir, "examples");
      for (const file of (await readdir(examples)).filter((name) => name.endsWith(".test.ts"))) {
        await cp(join(examples, file), join(tests, `${mock.api.name}-${file}`));
        copied.push(`${mock.api.name}-${file}`);
      }
    }
    expect(copied.length).toBeGreaterThanOrEqual(mocks.length);
    const vitest = join(consumer, "node_modules", "vitest", "vitest.mjs");
    const { stdout: tested } = await step("vitest run (the mocks' examples, in the fresh project)", () =>
      sh(consumer, process.execPath, [vitest, "run", "--root", consumer, "test/"], { env: consumerEnv }),
    );
    // vitest colours its summary when the environment asks for colour (FORCE_COLOR under turbo).
    const summary = stripVTControlCharacters(tested);
    expect(summary).toMatch(new RegExp(`Test Files\\s+${copied.length} passed`));
    expect(summary).not.toMatch(/failed|skipped/);
  }, 600_000);

  it("starts each API's MCP server from the registry with `npx -y <package>`; the MCP SDK's client lists its tools", async () => {
    const workspace = loadWorkspace(join(clone, "redocly.yaml"));
    // An empty folder, as an MCP client starts the server from: npx fetches the package itself.
    const cwd = join(temp, "mcp-client");
    await mkdir(cwd);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(consumerEnv)) if (value !== undefined) env[key] = value;
    env["npm_config_@leadkit:registry"] = registry?.url ?? "";
    for (const api of workspace.apis) {
      if (!existsSync(join(mcpPackageDir(api), "package.json"))) continue;
      const name = mcpPackageName(api);
      const transport = new StdioClientTransport({
        command: "npx",
        args: ["-y", name],
        cwd,
        env,
        stderr: "pipe",
      });
      let stderr = "";
      transport.stderr?.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      const client = new Client({ name: "leadkit-release-e2e", version: "1.0.0" });
      try {
        await step(`npx -y ${name}, list its tools`, async () => {
          // the first start downloads the package and the MCP SDK
          await client.connect(transport, { timeout: 300_000 });
          const { tools } = await client.listTools();
          const installed = (await import(
            join(temp, "consumer", "node_modules", api.clientPackageName, "dist", "index.js")
          )) as {
            operationDefinitions: Record<string, unknown>;
          };
          expect(tools.map((tool) => tool.name).sort()).toEqual(
            Object.keys(installed.operationDefinitions).sort(),
          );
          expect(client.getServerVersion()).toMatchObject({ name, version: firstVersions[name] });
        });
      } finally {
        await client.close();
      }
      expect(stderr).toContain(`${api.name.toUpperCase().replace(/-/g, "_")}_API_KEY NOT SET`);
    }
  }, 600_000);

  it("publishes a spec change through spec:diff --write, version-packages and release as the right new versions", async () => {
    const workspace = loadWorkspace(join(clone, "redocly.yaml"));
    // The first API with a request body gets a new optional property: a minor change.
    const target = workspace.apis[0];
    if (target === undefined) throw new Error("redocly.yaml lists no API");
    await git(clone, "checkout", "-q", "-b", "spec-change");
    const document = parse(await readFile(target.specFile, "utf8")) as OpenApiDocument & {
      info: { version: string };
    };
    const operation = Object.values(
      document.paths as Record<string, Record<string, { requestBody?: unknown }>>,
    )
      .flatMap((item) => Object.values(item))
      .find((candidate) => typeof candidate === "object" && candidate?.requestBody !== undefined);
    const body = resolveRef<{ content: Record<string, { schema: unknown }> }>(
      document,
      operation?.requestBody,
    );
    const schema = resolveRef<{ properties: Record<string, unknown> }>(
      document,
      body.content["application/json"]?.schema,
    );
    schema.properties.leadkitPublishTestNote = {
      type: "string",
      description: "A note; added by leadkit's publish test.",
    };
    // Only the spec is edited: no info.version bump, no `pnpm generate`. `spec:diff --write` alone
    // prepares the release (it raises info.version, regenerates and writes the changeset).
    const oldSpecVersion = document.info.version;
    await writeFile(target.specFile, stringify(document, { lineWidth: 0 }));

    const failed = await run("pnpm", ["-s", "spec:diff", "--check"], { cwd: clone, env, check: false });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("pnpm spec:diff --write");
    await step("pnpm spec:diff --write", () => pnpm("spec:diff", "--write"));
    document.info.version = semver.inc(oldSpecVersion, "minor") ?? "";
    expect(
      (parse(await readFile(target.specFile, "utf8")) as { info: { version: string } }).info.version,
    ).toBe(document.info.version);
    const report = JSON.parse((await pnpm("-s", "spec:diff", "--json", "--check")).stdout) as {
      apis: Array<{ api: string; impact: string }>;
    };
    // ...and the generated files are what the raised spec generates (CI's check would fail otherwise)
    await step("generate --check", () =>
      sh(clone, process.execPath, ["tools/codegen/bin/leadkit-codegen.js", "generate", "--check"]),
    );
    expect(Object.fromEntries(report.apis.map((api) => [api.api, api.impact]))).toEqual(
      Object.fromEntries(workspace.apis.map((api) => [api.name, api === target ? "minor" : "none"])),
    );
    await commit("spec change with its changeset");
    await step("pnpm version-packages (second)", () => pnpm("version-packages"));
    await commit("version packages");
    await step("pnpm release (second)", () => pnpm("release"));

    // The API's fixed group: every package generated from its spec moves together.
    const changed = [
      target.typesPackageName,
      target.clientPackageName,
      mockPackageName(target),
      mcpPackageName(target),
    ];
    const published = await registryVersions(Object.keys(firstVersions));
    for (const [name, first] of Object.entries(firstVersions)) {
      expect(published[name], name).toEqual(
        changed.includes(name) ? [first, semver.inc(first, "minor")] : [first],
      );
    }
    for (const name of changed) {
      const version = semver.inc(firstVersions[name] ?? "", "minor") ?? "";
      const manifest = (await registry?.packument(name))?.versions[version];
      expect(manifest?.leadkit).toEqual({ api: target.name, specVersion: document.info.version });
      const dir =
        name === target.typesPackageName
          ? target.typesDir
          : name === target.clientPackageName
            ? target.clientDir
            : name === mockPackageName(target)
              ? mockPackageDir(target)
              : mcpPackageDir(target);
      const changelog = await readFile(join(dir, "CHANGELOG.md"), "utf8");
      const entry = changelog.slice(
        changelog.indexOf(`## ${version}`),
        changelog.indexOf(`## ${firstVersions[name]}`),
      );
      expect(entry).toContain(
        `Generated from \`${target.specPath}\` info.version ${document.info.version} (previous release: ${oldSpecVersion}).`,
      );
      expect(entry).toContain(`info.version ${oldSpecVersion} → ${document.info.version}: minor.`);
      expect(entry).toContain("Added property `leadkitPublishTestNote`.");
    }

    // The fresh project upgrades and sees the new property in the types.
    const consumer = join(temp, "consumer");
    await step("npm install the new client version", () =>
      sh(consumer, "npm", ["install", "--no-audit", "--no-fund", `${target.clientPackageName}@latest`], {
        env: consumerEnv,
      }),
    );
    const installed = JSON.parse(
      await readFile(join(consumer, "node_modules", target.clientPackageName, "package.json"), "utf8"),
    ) as { version: string };
    expect(installed.version).toBe(semver.inc(firstVersions[target.clientPackageName] ?? "", "minor"));
    // ...and its types have the new property: this compiles only against the new release.
    const operationId = (operation as { operationId?: string } | undefined)?.operationId ?? "";
    const typeName = `${pascalCase(operationId)}RequestBody`;
    await writeFile(
      join(consumer, "upgrade.ts"),
      `import type { ${typeName} } from "${target.clientPackageName}";\n\nexport const withNote: Partial<${typeName}> = { leadkitPublishTestNote: "from the publish test" };\n`,
    );
    await writeFile(
      join(consumer, "tsconfig.upgrade.json"),
      `${JSON.stringify({ extends: "./tsconfig.node16.json", compilerOptions: { noEmit: true }, files: ["upgrade.ts"] })}\n`,
    );
    await step("tsc against the new types", () =>
      sh(consumer, process.execPath, [TSC, "-p", "tsconfig.upgrade.json"], { env: consumerEnv }),
    );
  }, 1_200_000);
});
