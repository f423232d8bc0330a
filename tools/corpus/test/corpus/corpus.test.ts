// The public corpus, end to end, on one temp copy of this working tree with one install:
// `pnpm new-api` adds every document of manifest.json (recording the vendor's lint findings
// with --accept-existing-problems) and refuses the one that is not OpenAPI 3 without writing
// anything; one more install links the new packages; one turbo run generates (which lints
// first), builds and type-checks every types and client package and renders every reference page; then each
// client calls every operation that has an example against the validating contract server (GitHub's
// full description included: over 1,100 calls).
// `pnpm test:e2e` runs it with the other end-to-end suites (CI too), `pnpm test:corpus` alone;
// the README says how long it takes.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { copyWorkspace, type WorkspaceCopy } from "@leadkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ContractServer,
  startContractServer,
} from "../../../../packages/runtime/support/contract-server.js";
import type { OpenApiSpec } from "../../../../packages/runtime/support/spec.js";
import { type Definition, loadManifest, planCalls } from "../../src/index.js";

const STEP = 3_600_000;
const documents = loadManifest();
const added = documents.filter((document) => document.expect === "added");
const refused = documents.filter((document) => document.expect === "refused");

let copy: WorkspaceCopy;
const timings: Array<[string, number]> = [];
const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push([step, Math.round(performance.now() - started)]);
  }
};
const read = (path: string) => readFileSync(join(copy.root, path), "utf8");
const specPath = (spec: string) => join("tools/corpus", spec);

beforeAll(async () => {
  copy = await timed("copy + pnpm install --frozen-lockfile --prefer-offline", () =>
    copyWorkspace({ install: true }),
  );
}, STEP);

afterAll(async () => {
  await copy?.cleanup();
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(
    `corpus timings (s):\n${timings.map(([step, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)}  ${step}`).join("\n")}\n  ${(total / 1000).toFixed(1).padStart(6)}  total`,
  );
}, 120_000);

describe.sequential("the public corpus", () => {
  it.each(refused.map((document) => [document.name, document] as const))(
    "pnpm new-api refuses %s, says why, and writes nothing",
    async (name, document) => {
      const result = await timed(`pnpm new-api ${name} (refused)`, () =>
        copy.run(
          "pnpm",
          ["new-api", name, specPath(document.spec), "--accept-existing-problems", "--no-install"],
          {
            check: false,
          },
        ),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(document.refusal);
      expect(result.stderr).toContain("Nothing was created.");
      expect(await copy.status()).toEqual([]);
    },
    STEP,
  );

  it(
    `new-api adds all ${added.length} documents, accepting their vendors' lint findings`,
    async () => {
      // The CLI `pnpm new-api` runs, after one build: through pnpm, turbo would rebuild the
      // scaffold for every document (until the install, the lockfile lacks the new packages,
      // which changes turbo's hashes).
      await copy.run("pnpm", [
        "turbo",
        "run",
        "build",
        "--filter=@leadkit/scaffold",
        "--output-logs=errors-only",
      ]);
      const failures: string[] = [];
      for (const document of added) {
        const result = await timed(`new-api ${document.name}`, () =>
          copy.run(
            process.execPath,
            [
              "tools/scaffold/bin/leadkit-scaffold.js",
              "new-api",
              document.name,
              specPath(document.spec),
              "--accept-existing-problems",
              "--no-install",
            ],
            { check: false },
          ),
        );
        if (result.code !== 0) failures.push(`${document.name}:\n${result.stderr}`);
        else expect(result.stdout).toContain(`Added API \`${document.name}\``);
      }
      expect(failures).toEqual([]);
      const apis = (read("redocly.yaml").match(/^ {2}[a-z0-9-]+:$/gm) ?? []).map((line) =>
        line.trim().slice(0, -1),
      );
      for (const document of added) expect(apis).toContain(document.name);
    },
    STEP,
  );

  it(
    "one install links every new package",
    async () => {
      await timed("pnpm install (once for all)", () =>
        copy.run("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"]),
      );
      for (const document of added)
        expect(
          existsSync(join(copy.root, `docs/node_modules/@leadkit/${document.name}-types/package.json`)),
        ).toBe(true);
    },
    STEP,
  );

  it(
    "one turbo run generates (linting first), builds and type-checks the four packages of each, and renders each reference",
    async () => {
      const filters = added.flatMap((document) => [`--filter=@leadkit/${document.name}...`]);
      const build = await timed("turbo run generate build typecheck (+ docs)", () =>
        copy.run(
          "pnpm",
          [
            "turbo",
            "run",
            "generate",
            "build",
            "typecheck",
            ...filters,
            "--filter=@leadkit/docs",
            "--output-logs=errors-only",
          ],
          { check: false },
        ),
      );
      expect(build.code, `${build.stdout.slice(-8000)}\n${build.stderr.slice(-4000)}`).toBe(0);
      for (const document of added) {
        expect(existsSync(join(copy.root, `packages/${document.name}/dist/index.js`)), document.name).toBe(
          true,
        );
        expect(
          existsSync(join(copy.root, `packages/${document.name}-types/dist/index.d.ts`)),
          document.name,
        ).toBe(true);
        expect(existsSync(join(copy.root, `docs/dist/${document.name}/index.html`)), document.name).toBe(
          true,
        );
      }
    },
    STEP,
  );

  describe("each client calls every operation that has an example, against the validating server", () => {
    const summary: string[] = [];
    afterAll(() => console.log(`corpus calls:\n${summary.join("\n")}`));

    it.each(added.map((document) => [document.name] as const))(
      "%s",
      async (name) => {
        const spec = JSON.parse(read(`packages/${name}-types/spec/openapi.json`)) as OpenApiSpec;
        const client = (await import(join(copy.root, `packages/${name}/dist/index.js`))) as Record<
          string,
          unknown
        >;
        const definitions = client.operationDefinitions as Record<string, Definition>;
        const factory = Object.entries(client).find(([key]) => /^create\w+Client$/.test(key))?.[1] as (
          options: object,
        ) => Record<string, (...args: unknown[]) => Promise<unknown>>;
        const { calls, skipped } = planCalls(spec, definitions);
        let server: ContractServer | undefined;
        const failures: string[] = [];
        const brokenExamples: string[] = [];
        try {
          server = await startContractServer(spec, { operations: definitions });
          const api = factory({ apiKey: "corpus_key", baseUrl: server.url, maxRetries: 0 });
          for (const call of calls) {
            // A request example that breaks its own schema (GitHub has a few) is the vendor's
            // error: the judge would refuse it whatever the client did, so it is counted, not sent.
            const example = call.requestExample;
            const broken =
              example === undefined
                ? []
                : server.bodyProblems(example.method, example.path, example.mediaType, example.value);
            if (broken.length > 0) {
              brokenExamples.push(`${call.method}: ${broken[0]}`);
              continue;
            }
            const before = server.requests.length;
            let data: unknown;
            try {
              data = await (api[call.method] as (...args: unknown[]) => Promise<unknown>)(...call.args);
            } catch (error) {
              failures.push(`${call.method} (${call.route}) failed: ${(error as Error).message}`);
              continue;
            }
            const violations = server.requests
              .slice(before)
              .flatMap((request) =>
                request.violations.map((violation) => `${request.method} ${request.url}: ${violation}`),
              );
            if (violations.length > 0)
              failures.push(`${call.method} (${call.route}): ${violations.join("; ")}`);
            const { expected } = call;
            const ok =
              expected.kind === "none"
                ? data === undefined
                : expected.kind === "blob"
                  ? data instanceof Blob
                  : JSON.stringify(data) === JSON.stringify(expected.value);
            if (!ok)
              failures.push(
                `${call.method} (${call.route}) returned ${JSON.stringify(data)?.slice(0, 200)}, expected ${JSON.stringify(expected).slice(0, 200)}`,
              );
          }
        } finally {
          await server?.close();
        }
        summary.push(
          `  ${name}: ${calls.length - brokenExamples.length} called, ${skipped.length} without an example${skipped.length > 0 ? ` (e.g. ${skipped[0]?.method}: ${skipped[0]?.why})` : ""}${brokenExamples.length > 0 ? `, ${brokenExamples.length} whose request example breaks its own schema (${brokenExamples.join("; ")})` : ""}`,
        );
        // GitHub's description is the bulk of the calls (1,184 of its 1,223 operations today): a
        // planner that came to leave most of them out would fail here, not pass quietly.
        if (name === "github-full")
          expect(calls.length - brokenExamples.length, "GitHub operations called").toBeGreaterThan(1_100);
        expect(failures).toEqual([]);
      },
      STEP,
    );
  });
});
