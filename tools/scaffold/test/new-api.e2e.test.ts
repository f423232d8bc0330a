// End to end, on a temp copy of this working tree (installed offline from the pnpm store):
// `pnpm new-api` refuses a spec that fails lint and writes nothing; adopts GitHub's published,
// multi-file issues description with --accept-existing-problems; the main build filtered to the
// new API (and the docs) produces its packages and its reference page; a consumer file that
// calls the new client type-checks; the new mock accepts the spec's request examples (its
// generated test suite, run as is); its MCP server lists its tools to the MCP SDK's client and
// dry-runs a call; `pnpm remove-api` leaves `git status` clean.

import { existsSync, readFileSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { copyWorkspace, type WorkspaceCopy } from "@leadkit/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const FIXTURE = "tools/scaffold/test/fixtures/github/openapi.json";
const STEP = 900_000;

let copy: WorkspaceCopy;
const timings: Array<[string, number]> = [];
const pnpm = async (args: string[], check = true) => {
  const result = await copy.run("pnpm", args, { check });
  timings.push([`pnpm ${args.slice(0, 2).join(" ")}`, result.ms]);
  return result;
};
const read = (path: string) => readFileSync(join(copy.root, path), "utf8");

beforeAll(async () => {
  const started = performance.now();
  copy = await copyWorkspace({ install: true });
  timings.push([
    "copy + pnpm install --frozen-lockfile --prefer-offline",
    Math.round(performance.now() - started),
  ]);
}, STEP);

afterAll(async () => {
  await copy?.cleanup();
  console.log(
    `new-api e2e timings (s):\n${timings.map(([step, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)}  ${step}`).join("\n")}`,
  );
}, 60_000);

describe("pnpm new-api, end to end", () => {
  it(
    "refuses a spec that fails lint, lists its problems and creates nothing",
    async () => {
      const result = await pnpm(
        ["new-api", "fails-lint", "tools/scaffold/test/fixtures/fails-lint/openapi.yaml"],
        false,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /tools\/scaffold\/test\/fixtures\/fails-lint\/openapi\.yaml:\d+:\d+ {2}error {2}leadkit\/response-source/,
      );
      expect(result.stderr).toContain("--accept-existing-problems");
      expect(result.stderr).toContain("Nothing was created.");
      expect(await copy.status()).toEqual([]);
    },
    STEP,
  );

  it(
    "adopts GitHub's multi-file description as is with --accept-existing-problems",
    async () => {
      const result = await pnpm([
        "new-api",
        "github",
        FIXTURE,
        "--accept-existing-problems",
        "--display-name",
        "GitHub",
      ]);
      expect(result.stdout).toContain("Added API `github` (spec specs/github/openapi.yaml).");
      expect(result.stdout).toContain("Accepted the vendor spec's 41 lint problem(s)");
      const status = await copy.status();
      expect(status.filter((line) => line.startsWith(" M")).sort()).toEqual([
        " M docs/package.json",
        " M pnpm-lock.yaml",
        " M redocly.yaml",
        " M tools/typecheck/package.json",
      ]);
      const added = status.filter((line) => line.startsWith("??")).map((line) => line.slice(3));
      // The 43 spec files (root renamed to openapi.yaml, layout kept), 40 package files (8 types,
      // 8 client, 13 mock, 11 MCP), the ignore file.
      expect(added.filter((path) => path.startsWith("specs/github/"))).toHaveLength(43);
      expect(added).toContain("specs/github/openapi.yaml");
      expect(added).toContain("specs/github/components/schemas/nullable-simple-user.json");
      expect(added.filter((path) => path.startsWith("packages/"))).toHaveLength(40);
      expect(added).toContain("packages/github-mock/src/vendor.ts");
      expect(added).toContain("packages/github-mcp/src/index.ts");
      expect(added).toContain(".redocly.lint-ignore.yaml");
      expect(read("specs/github/openapi.yaml")).toBe(readFileSync(join(copy.root, FIXTURE), "utf8"));
      expect((parse(read("redocly.yaml")) as { apis: Record<string, unknown> }).apis.github).toEqual({
        root: "specs/github/openapi.yaml",
      });
      const ignored = parse(read(".redocly.lint-ignore.yaml")) as Record<string, Record<string, string[]>>;
      expect(Object.keys(ignored).every((file) => file.startsWith("specs/github/"))).toBe(true);
      expect(
        ignored["specs/github/paths/repos_{owner}_{repo}_issues.json"]?.["leadkit/operation-id-camel-case"],
      ).toEqual(["#/get/operationId", "#/post/operationId"]);
      // Linked by the install: the docs see the new types package.
      expect(existsSync(join(copy.root, "docs/node_modules/@leadkit/github-types/package.json"))).toBe(true);
    },
    STEP,
  );

  it(
    "builds the new API's packages and its reference page with the main build, filtered to it",
    async () => {
      const build = await pnpm([
        "turbo",
        "run",
        "lint:specs",
        "generate",
        "build",
        "--filter=@leadkit/github...",
        "--filter=@leadkit/github-mock...",
        "--filter=@leadkit/github-mcp...",
        "--filter=@leadkit/docs",
      ]);
      expect(read("packages/github/src/generated/client.gen.ts")).toContain(
        'operationId: "issues/list-for-repo"',
      );
      expect(existsSync(join(copy.root, "packages/github/dist/index.js"))).toBe(true);
      expect(existsSync(join(copy.root, "packages/github-types/dist/index.d.ts"))).toBe(true);
      expect(read("packages/github-mock/src/generated/mock.gen.ts")).toContain('"role": "create"');
      expect(existsSync(join(copy.root, "packages/github-mock/dist/index.js"))).toBe(true);
      const page = read("docs/dist/github/index.html");
      expect(page).toContain("List repository issues");
      expect(read("docs/dist/index.html")).toContain('<a href="github/">');
      // Its validators are generated and built too, and judge GitHub's own data (no import needed).
      const { validators } = (await import(join(copy.root, "packages/github-types/dist/validate.js"))) as {
        validators: Record<
          string,
          { body: { "~standard": { validate(value: unknown): { issues?: unknown } } } }
        >;
      };
      expect(validators.issuesCreate?.body["~standard"].validate({ title: "Found a bug" })).toEqual({
        value: { title: "Found a bug" },
      });
      expect(validators.issuesCreate?.body["~standard"].validate({ body: "no title" }).issues).toEqual([
        { message: "title is required", path: ["title"] },
      ]);
      // The lint gate holds: the recorded problems are accepted, lint:specs passed.
      expect(build.stdout).toContain("@leadkit/github-types:lint:specs: github: 0 problems");
      // The site build rendered the new API's reference page itself (nothing was kept for it).
      expect(build.stdout).toMatch(/@leadkit\/docs:build: +github\/ .*\(rendered\)$/m);
    },
    STEP,
  );

  it(
    "gives the new API a working MCP server: the MCP SDK's client lists a tool per client method and dry-runs one",
    async () => {
      const client = new Client({ name: "leadkit-new-api-e2e", version: "1.0.0" });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [join(copy.root, "packages/github-mcp/dist/cli.js"), "--dry-run"],
          env: { PATH: process.env.PATH ?? "", GITHUB_API_KEY: "ghp_e2e_secret" },
          stderr: "ignore",
        }),
      );
      try {
        const { tools } = await client.listTools();
        const { operationDefinitions } = (await import(join(copy.root, "packages/github/dist/index.js"))) as {
          operationDefinitions: Record<string, unknown>;
        };
        expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(operationDefinitions).sort());
        const create = tools.find((tool) => tool.name === "issuesCreate");
        expect(create?.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: false });
        expect(tools.find((tool) => tool.name === "issuesListForRepo")?.annotations?.readOnlyHint).toBe(true);
        const result = await client.callTool({
          name: "issuesCreate",
          arguments: { owner: "octocat", repo: "hello-world", body: { title: "Found a bug" } },
        });
        expect(result.structuredContent).toMatchObject({
          dryRun: true,
          request: {
            method: "POST",
            url: "https://api.github.com/repos/octocat/hello-world/issues",
            body: { title: "Found a bug" },
          },
        });
        expect(JSON.stringify(result)).not.toContain("ghp_e2e_secret");
        const invalid = await client.callTool({
          name: "issuesCreate",
          arguments: { owner: "octocat", repo: "hello-world", body: { body: "no title" } },
        });
        expect(invalid.isError).toBe(true);
        expect(JSON.stringify(invalid.content)).toContain("- body.title: is required");
      } finally {
        await client.close();
      }
    },
    STEP,
  );

  it(
    "type-checks a consumer that calls the new client",
    async () => {
      const consumer = join(copy.root, "..", "consumer");
      await mkdir(join(consumer, "node_modules", "@leadkit"), { recursive: true });
      for (const name of ["github", "github-types"])
        await symlink(join(copy.root, "packages", name), join(consumer, "node_modules", "@leadkit", name));
      await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", type: "module" }));
      await writeFile(
        join(consumer, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: "NodeNext",
            moduleResolution: "NodeNext",
            target: "ES2022",
            lib: ["ES2022", "DOM"],
            types: [],
            skipLibCheck: false,
          },
          files: ["consumer.ts"],
        }),
      );
      await writeFile(
        join(consumer, "consumer.ts"),
        `import { createGithubClient, GithubApiError, type IssuesListForRepoResponse, RequestValidationError } from "@leadkit/github";
import { issuesCreateBody } from "@leadkit/github-types/validate";

const github = createGithubClient({ apiKey: "ghp_example" });
const issues: IssuesListForRepoResponse = await github.issuesListForRepo("octocat", "hello-world", { state: "open" });
const titles: string[] = issues.map((issue) => issue.title);
const created = await github.issuesCreate("octocat", "hello-world", { title: "Found a bug", labels: ["bug"] });
const number: number = created.number;
const fetched = await github.issuesGet("octocat", "hello-world", number);
await github.issuesUpdate("octocat", "hello-world", fetched.number, { state: "closed" });
// @ts-expect-error the spec requires a title
await github.issuesCreate("octocat", "hello-world", { body: "no title" });
// @ts-expect-error \`state\` is an enum in the spec
await github.issuesListForRepo("octocat", "hello-world", { state: "sleeping" });
try {
  await github.issuesGet("octocat", "hello-world", 1);
} catch (error) {
  if (error instanceof GithubApiError && error.hasStatus(404)) console.log(error.body.message);
}
// The validators: Standard Schema's result is typed as the spec's body, and the client checks too.
const checked = issuesCreateBody["~standard"].validate({ title: "From a form" });
if (checked.issues === undefined) await github.issuesCreate("octocat", "hello-world", checked.value);
const strict = createGithubClient({ apiKey: "ghp_example", validate: "both", onInvalidResponse: (issues) => console.warn(issues) });
try {
  await strict.issuesGet("octocat", "hello-world", 1, { validate: false });
} catch (error) {
  if (error instanceof RequestValidationError) console.log(error.issues.map((issue) => issue.in));
}
console.log(titles);
export {};
`,
      );
      const tsc = join(copy.root, "node_modules", "typescript", "bin", "tsc");
      const result = await copy.run(process.execPath, [tsc, "-p", join(consumer, "tsconfig.json")], {
        check: false,
      });
      expect(`${result.stdout}${result.stderr}`).toBe("");
      expect(result.code).toBe(0);
    },
    STEP,
  );

  it(
    "scaffolds a mock that accepts the spec's request examples, over HTTP and through MSW, and serves the CLI",
    async () => {
      // The scaffolded package's own suite (the shared mock suite on GitHub's spec), unchanged.
      const result = await copy.run(
        "pnpm",
        [
          "--filter",
          "@leadkit/github-mock",
          "exec",
          "vitest",
          "run",
          "--reporter",
          "verbose",
          "test/mock.test.ts",
        ],
        { check: false },
      );
      timings.push(["vitest run github-mock/test/mock.test.ts", result.ms]);
      const output = stripVTControlCharacters(result.stdout);
      expect(output).toMatch(/accepts the spec's request example issuesCreate/);
      expect(output).toMatch(/Test Files\s+1 passed/);
      expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    },
    STEP,
  );

  it(
    "is undone by pnpm remove-api: git status is clean again",
    async () => {
      const result = await pnpm(["remove-api", "github"]);
      expect(result.stdout).toContain(
        "Removed specs/github, packages/github, packages/github-types, packages/github-mock, packages/github-mcp",
      );
      expect(await copy.status()).toEqual([]);
    },
    STEP,
  );
});
