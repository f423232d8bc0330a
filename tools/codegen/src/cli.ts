// leadkit-codegen: lint, generate and check the generated output of every API in redocly.yaml.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildPackage, buildPackages } from "./build.js";
import { CodegenError, formatUnexpected, PipelineError } from "./errors.js";
import {
  type ApiResult,
  apiPackageDirs,
  FIX_COMMAND,
  generateApi,
  restoreApi,
  restorePackage,
  uncommittedGeneratedFiles,
} from "./generate.js";
import { formatProblem, type LintProblem, lintApi } from "./redocly.js";
import { targets as allTargets, type Target } from "./targets/index.js";
import { type ApiEntry, loadWorkspace, selectApis } from "./workspace.js";

const USAGE = `Usage: leadkit-codegen <command> [--api <name>]... [--target <name>]... [--config <redocly.yaml>]

Commands:
  generate            lint, bundle and generate every API (or those named by --api); --target
                      limits it to some targets (${allTargets.map((target) => target.name).join(", ")})
  generate --check    fail if generated files differ from the specs (and, with --committed or
                      CI set, if they are not committed); writes nothing
  generate --mirror   also keep a copy of each package's output in <package>/.artifacts/generated
                      (the API's turbo \`codegen\` task, in its types package, whose cached
                      output those copies are)
  restore --api <name>
                      make the generated folders of every package of that API equal their
                      copies (the API's turbo \`generate\` task, in its types package)
  restore [--package <dir>]
                      the same for the one package in <dir> (default: the current directory)
  build [--package <dir>]
                      build the package in <dir> (default: the current directory) from its
                      tsconfig.build.json, file by file: JavaScript and declarations, no
                      type-check (the workspace's, tools/typecheck, does that)
  build --api <name>  the same for every package of that API (types, client, mock, MCP), in
                      one process; all are built before any is replaced (the API's turbo
                      \`build\` task, in its types package)
  lint                lint the specs; any error or warning fails
  list [--json]       print the APIs and the paths derived from them`;

function pad(value: string, width: number): string {
  return value.length >= width ? `${value} ` : value + " ".repeat(width - value.length);
}

function printResult(result: ApiResult, width: number): void {
  const files = result.changes.length === 1 ? "1 file" : `${result.changes.length} files`;
  const label = result.status === "lint-failed" ? "lint failed" : result.status;
  const detail = result.status === "changed" || result.status === "stale" ? files : "";
  console.log(`${pad(result.api, width)}${pad(label, 12)}${pad(detail, 10)}${result.ms} ms`);
  for (const change of result.changes) console.log(`  ${pad(change.kind, 9)}${change.path}`);
}

/** Lint problems as one pipeline failure: where the first one is, all of them, what to do. */
function lintFailure(api: string, problems: readonly LintProblem[], fix: string): PipelineError {
  const first = problems[0];
  return new PipelineError({
    api,
    step: "lint",
    location: first === undefined ? { file: "" } : { file: first.file, line: first.line, col: first.col },
    reason: `${problems.length} problem(s):\n${problems.map(formatProblem).join("\n")}`,
    fix,
  });
}

/** The one message for an API whose pipeline failed (printed to stderr). */
function failureMessage(api: string, error: unknown, untouched: string): string {
  if (error instanceof PipelineError) return `${error.message}\n${error.hint ?? ""} ${untouched}`.trim();
  if (error instanceof CodegenError) return `${api}: ${error.format()}\n${untouched}`;
  return `${api}: ${formatUnexpected(error, "leadkit-codegen")}\n${untouched}`;
}

function selectTargets(names: readonly string[]): readonly Target[] {
  if (names.length === 0) return allTargets;
  return names.map((name) => {
    const target = allTargets.find((candidate) => candidate.name === name);
    if (target === undefined) {
      throw new CodegenError(
        `Unknown target \`${name}\`.`,
        `Targets: ${allTargets.map((candidate) => candidate.name).join(", ")}.`,
      );
    }
    return target;
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        api: { type: "string", multiple: true },
        target: { type: "string", multiple: true },
        config: { type: "string" },
        check: { type: "boolean" },
        mirror: { type: "boolean" },
        package: { type: "string" },
        committed: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  try {
    parsed = parse([...argv]);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    if (command === "build" && values.api === undefined) {
      // needs no redocly.yaml: it builds one package
      const result = await buildPackage(resolve(values.package ?? process.cwd()));
      console.log(`built ${result.files} file(s) in ${result.ms} ms`);
      return 0;
    }
    const workspace = loadWorkspace(values.config);
    const apis = selectApis(workspace, values.api ?? []);
    if (command === "build") {
      if (values.package !== undefined) {
        console.error(`build takes --api or --package, not both.\n\n${USAGE}`);
        return 2;
      }
      // Every package of the named APIs, in one process: the API's turbo `build` task.
      const results = await buildPackages(apis.flatMap(apiPackageDirs));
      const width = Math.max(...results.map((result) => result.name.length)) + 2;
      for (const result of results)
        console.log(`${pad(result.name, width)}built ${result.files} file(s) in ${result.ms} ms`);
      return 0;
    }
    switch (command) {
      case "list": {
        if (values.json) console.log(JSON.stringify(apis, null, 2));
        else
          for (const api of apis)
            console.log(`${api.name}\t${api.specPath}\t${api.typesPackageName}\t${api.clientPackageName}`);
        return 0;
      }
      case "lint": {
        const reports = await Promise.allSettled(apis.map((api) => lintApi(workspace, api)));
        let total = 0;
        const failures: string[] = [];
        reports.forEach((report, index) => {
          const api = apis[index] as ApiEntry;
          if (report.status === "rejected") {
            console.log(`${api.name}: could not be linted`);
            failures.push(failureMessage(api.name, report.reason, ""));
            return;
          }
          const problems = report.value;
          total += problems.length;
          console.log(
            `${api.name}: ${problems.length === 0 ? "0 problems" : `${problems.length} problem(s)`}`,
          );
          for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
        });
        for (const failure of failures) console.error(`\n${failure}`);
        if (total > 0) {
          console.error(
            `\nLint failed with ${total} problem(s). Errors and warnings both fail the gate; fix the spec.`,
          );
        }
        return total > 0 || failures.length > 0 ? 1 : 0;
      }
      case "generate": {
        const check = values.check === true;
        const mirror = values.mirror === true;
        const targets = selectTargets(values.target ?? []);
        const settled = await Promise.allSettled(
          apis.map((api) => generateApi(workspace, api, { check, targets, mirror })),
        );
        const results = settled.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
        const width = Math.max(...apis.map((api) => api.name.length)) + 2;
        const untouched = (api: string) =>
          check ? "Nothing was written." : `The generated output of ${api} was left untouched.`;
        const failures: string[] = [];
        settled.forEach((outcome, index) => {
          const api = (apis[index] as ApiEntry).name;
          if (outcome.status === "rejected") {
            const step = outcome.reason instanceof PipelineError ? `${outcome.reason.step} failed` : "failed";
            console.log(`${pad(api, width)}${step}`);
            failures.push(failureMessage(api, outcome.reason, untouched(api)));
            return;
          }
          printResult(outcome.value, width);
          if (outcome.value.status === "lint-failed") {
            const fix = `Fix the problems above in the spec (errors and warnings both fail the gate), then run \`${FIX_COMMAND}\`.`;
            failures.push(failureMessage(api, lintFailure(api, outcome.value.problems, fix), untouched(api)));
          }
        });
        for (const failure of failures) console.error(`\n${failure}`);
        let code = failures.length > 0 ? 1 : 0;
        if (check) {
          const stale = results.filter((result) => result.status === "stale");
          if (stale.length > 0) {
            console.error(
              `\nGenerated files are stale for ${stale.map((result) => result.api).join(", ")}.\nFix: run \`${FIX_COMMAND}\` and commit the result.`,
            );
            code = 1;
          }
          if (values.committed || process.env.CI) {
            const uncommitted = uncommittedGeneratedFiles(workspace, apis, targets);
            if (uncommitted.length > 0) {
              console.error(
                `\nGenerated files differ from the last commit:\n${uncommitted.map((path) => `  ${path}`).join("\n")}\nFix: run \`${FIX_COMMAND}\` and commit the result.`,
              );
              code = 1;
            }
          }
        }
        return code;
      }
      case "restore": {
        if (values.api !== undefined && values.package !== undefined) {
          throw new CodegenError(
            "`restore` takes --api or --package, not both.",
            "`--api <name>` restores every package of that API; `--package <dir>` restores one package.",
          );
        }
        if (values.api === undefined) {
          const result = await restorePackage(workspace, resolve(values.package ?? process.cwd()));
          printResult(result, result.api.length + 2);
          return 0;
        }
        const width = Math.max(...apis.map((api) => api.name.length)) + 2;
        for (const api of apis) printResult(await restoreApi(workspace, api), width);
        return 0;
      }
      default:
        console.error(`Unknown command \`${command}\`.\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    console.error(
      error instanceof CodegenError ? error.format() : formatUnexpected(error, "leadkit-codegen"),
    );
    return 1;
  }
}
