// leadkit-codegen: lint, generate and check the generated output of every API in redocly.yaml.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CodegenError } from "./errors.js";
import {
  type ApiResult,
  FIX_COMMAND,
  generateApi,
  restoreApi,
  uncommittedGeneratedFiles,
} from "./generate.js";
import { formatProblem, lintApi } from "./redocly.js";
import { loadWorkspace, selectApis } from "./workspace.js";

const USAGE = `Usage: leadkit-codegen <command> [--api <name>]... [--config <redocly.yaml>]

Commands:
  generate            lint, bundle and generate every API (or those named by --api)
  generate --check    fail if generated files differ from the specs (and, with --committed or
                      CI set, if they are not committed); writes nothing
  generate --mirror   also keep a copy of the output in packages/<api>-types/.artifacts/generated
                      (the turbo \`codegen\` task, whose cached output that copy is)
  restore [--package <dir>]
                      make the generated folders of the package in <dir> (default: the current
                      directory) equal that copy (each package's turbo \`generate\` task)
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
  for (const problem of result.problems) console.log(`  ${formatProblem(problem)}`);
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        api: { type: "string", multiple: true },
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
    const workspace = loadWorkspace(values.config);
    const apis = selectApis(workspace, values.api ?? []);
    switch (command) {
      case "list": {
        if (values.json) console.log(JSON.stringify(apis, null, 2));
        else
          for (const api of apis)
            console.log(`${api.name}\t${api.specPath}\t${api.typesPackageName}\t${api.clientPackageName}`);
        return 0;
      }
      case "lint": {
        const reports = await Promise.all(
          apis.map(async (api) => ({ api, problems: await lintApi(workspace, api) })),
        );
        let total = 0;
        for (const { api, problems } of reports) {
          total += problems.length;
          console.log(
            `${api.name}: ${problems.length === 0 ? "0 problems" : `${problems.length} problem(s)`}`,
          );
          for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
        }
        if (total > 0) {
          console.error(
            `\nLint failed with ${total} problem(s). Errors and warnings both fail the gate; fix the spec.`,
          );
          return 1;
        }
        return 0;
      }
      case "generate": {
        const check = values.check === true;
        const mirror = values.mirror === true;
        const results = await Promise.all(apis.map((api) => generateApi(workspace, api, { check, mirror })));
        const width = Math.max(...results.map((result) => result.api.length)) + 2;
        for (const result of results) printResult(result, width);
        let code = 0;
        const failed = results.filter((result) => result.status === "lint-failed");
        if (failed.length > 0) {
          console.error(
            `\nLint failed for ${failed.map((result) => result.api).join(", ")}: its generated output was left untouched.\nFix the problems above, then run \`${FIX_COMMAND}\`.`,
          );
          code = 1;
        }
        if (check) {
          const stale = results.filter((result) => result.status === "stale");
          if (stale.length > 0) {
            console.error(
              `\nGenerated files are stale for ${stale.map((result) => result.api).join(", ")}.\nFix: run \`${FIX_COMMAND}\` and commit the result.`,
            );
            code = 1;
          }
          if (values.committed || process.env.CI) {
            const uncommitted = uncommittedGeneratedFiles(workspace, apis);
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
        const packageDir = resolve(values.package ?? process.cwd());
        const results = await Promise.all(apis.map((api) => restoreApi(workspace, api, packageDir)));
        const width = Math.max(...results.map((result) => result.api.length)) + 2;
        for (const result of results) printResult(result, width);
        return 0;
      }
      default:
        console.error(`Unknown command \`${command}\`.\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CodegenError) {
      console.error(error.format());
      return 1;
    }
    throw error;
  }
}
