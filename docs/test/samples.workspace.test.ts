// The code samples of this workspace's APIs (redocly.yaml), judged by the tools that run them:
// every TypeScript sample is type-checked by the TypeScript compiler against the built packages
// (so a spec or client change that breaks a sample fails here), and every curl sample is run by
// sh and curl against a server that validates each request against the API's spec.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startContractServer } from "../../packages/runtime/support/contract-server.js";
import type { OpenApiSpec } from "../../packages/runtime/support/spec.js";
import { API_KEY } from "../../packages/runtime/support/suites.js";
import { codeSamples, sampleContext } from "../src/samples/index.js";
import { type ApiDoc, DOCS_DIR, loadSite } from "../src/site.js";

const run = promisify(execFile);
/** Inside the docs package, so the samples resolve `@leadkit/*` as its dependencies, like a user's project. */
const SAMPLES_DIR = join(DOCS_DIR, ".artifacts", "samples");

let apis: readonly ApiDoc[];
beforeAll(() => {
  apis = loadSite().apis;
  rmSync(SAMPLES_DIR, { recursive: true, force: true });
});
afterAll(() => rmSync(SAMPLES_DIR, { recursive: true, force: true }));

interface Written {
  readonly file: string;
  readonly name: string;
}

function writeTypeScriptSamples(): Written[] {
  const written: Written[] = [];
  for (const api of apis) {
    for (const { input, samples } of codeSamples(sampleContext(api))) {
      for (const sample of samples.filter((candidate) => candidate.kind.typecheck)) {
        const slug = sample.label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
        const file = join(SAMPLES_DIR, api.name, `${input.method}.${slug}.ts`);
        mkdirSync(join(SAMPLES_DIR, api.name), { recursive: true });
        writeFileSync(file, sample.source);
        written.push({ file, name: `${api.name} ${input.operation.operationId} (${sample.label})` });
      }
    }
  }
  return written;
}

/** tsc's verdict with the workspace's own compiler options (tsconfig.base.json: strict, NodeNext). */
function typecheck(files: readonly string[]): string[] {
  const base = ts.readConfigFile(join(DOCS_DIR, "..", "tsconfig.base.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(
    { ...base.config, compilerOptions: { ...base.config.compilerOptions, types: ["node"], noEmit: true } },
    ts.sys,
    DOCS_DIR,
  );
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1} ${message}`;
  });
}

describe("the TypeScript samples", () => {
  it("type-check against the built packages, every operation of every API", () => {
    const written = writeTypeScriptSamples();
    // Every API with a client package has one TypeScript sample per operation at least.
    const withClient = apis.filter((api) => api.clientPackage !== undefined);
    expect(withClient.length).toBeGreaterThan(0);
    for (const api of withClient)
      expect(
        written.filter((sample) => sample.name.startsWith(`${api.name} `)).length,
      ).toBeGreaterThanOrEqual(api.operations.length);
    const problems = typecheck(written.map((sample) => sample.file));
    expect(
      problems,
      "A code sample no longer compiles: the spec or the client changed under it. Each line is file:line:col; " +
        "if a package cannot be found, build first (pnpm build) and check it is a devDependency of @leadkit/docs.",
    ).toEqual([]);
  });

  it("fail the check when a sample calls what the client does not have", () => {
    const [first] = writeTypeScriptSamples();
    if (first === undefined) throw new Error("no TypeScript sample written");
    const broken = join(SAMPLES_DIR, "broken.ts");
    const source = ts.sys.readFile(first.file) ?? "";
    const mutated = source.replace(/await client\.(\w+)\(/, "await client.$1NotAnOperation(");
    expect(mutated).not.toBe(source);
    writeFileSync(broken, mutated);
    expect(typecheck([broken]).join("\n")).toMatch(/NotAnOperation' does not exist/);
  });
});

describe("the curl samples", () => {
  it("send what the spec accepts: path, query, auth header and body, checked by a validating server", async () => {
    for (const api of apis) {
      const server = await startContractServer(api.document as unknown as OpenApiSpec);
      try {
        for (const { input, samples } of codeSamples(sampleContext(api))) {
          const curl = samples.find((sample) => sample.label === "curl");
          if (curl === undefined) throw new Error(`${api.name} ${input.method} has no curl sample`);
          expect(curl.source).toContain(input.serverUrl);
          const command = curl.source.replaceAll(input.serverUrl, server.url.replace(/\/$/, ""));
          const env = `${api.name.toUpperCase().replace(/-/g, "_")}_API_KEY`;
          const { stdout } = await run("sh", ["-c", command], {
            env: { ...process.env, [env]: API_KEY },
          });
          const received = server.requests.at(-1);
          const where = `${api.name} ${input.operation.operationId}`;
          expect(received?.violations, where).toEqual([]);
          expect(received?.operationId, where).toBe(input.operation.operationId);
          if (input.auth.in !== "header") throw new Error(`${where}: the key does not go in a header`);
          expect(received?.headers[input.auth.name.toLowerCase()], where).toBe(
            `${input.auth.prefix}${API_KEY}`,
          );
          if (input.request.body !== undefined)
            expect(received?.body, where).toEqual(input.request.body.value);
          expect(JSON.parse(stdout), where).toBeDefined();
        }
      } finally {
        await server.close();
      }
    }
  });
});
