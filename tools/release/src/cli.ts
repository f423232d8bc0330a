// leadkit-release: spec-diff, version, publish and sync (see ../README.md).
import { parseArgs } from "node:util";
import { CodegenError } from "@leadkit/codegen";
import { ReleaseError } from "./errors.js";
import { formatReport } from "./format.js";
import { release } from "./publish.js";
import { describeRules } from "./rules.js";
import { specDiff } from "./spec-diff.js";
import { sync } from "./sync.js";
import { versionPackages } from "./version.js";

const USAGE = `Usage: leadkit-release <command> [options]

Commands:
  spec-diff [--base <ref>] [--api <name>]... [--json] [--write] [--check]
      Compare every spec in redocly.yaml with the base ref (default: the merge base of HEAD
      with main), rate each change major/minor/patch and report per API.
        --write  prepare the release: raise info.version where the changes need it (the
                 YAML's layout and comments kept), regenerate the changed APIs, and add the
                 changeset each API needs (.changeset/spec-<api>-<version>.md)
        --check  fail when a pending release or an info.version bump is too small
        --rules  print leadkit's rules on top of Redocly's ratings
  version    changeset version, record each package's spec version, refresh lockfile, regenerate
  publish    check, build and test packages/*, then changeset publish
             (LEADKIT_PROVENANCE=false publishes without npm provenance, e.g. to a local registry)
  sync [--check]
      derive .changeset/config.json \`fixed\` groups and packages' publishConfig`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        base: { type: "string" },
        api: { type: "string", multiple: true },
        json: { type: "boolean" },
        write: { type: "boolean" },
        check: { type: "boolean" },
        rules: { type: "boolean" },
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
    return values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case "spec-diff": {
        if (values.rules) {
          for (const rule of describeRules()) console.log(rule);
          return 0;
        }
        const report = await specDiff({ base: values.base, apis: values.api ?? [], write: values.write });
        if (values.json) console.log(JSON.stringify(report, null, 2));
        else console.log(formatReport(report, { check: values.check }));
        return values.check && report.problems.length > 0 ? 1 : 0;
      }
      case "version":
        await versionPackages();
        return 0;
      case "publish":
        await release();
        return 0;
      case "sync": {
        const drift = await sync({ check: values.check });
        for (const item of drift) console.log(`${item.file}: ${item.message}`);
        if (values.check && drift.length > 0) {
          console.error(
            "\nRelease policy files drifted from the workspace.\nFix: run `pnpm --filter @leadkit/release exec leadkit-release sync`.",
          );
          return 1;
        }
        if (drift.length === 0) console.log("Release policy files are in sync with the workspace.");
        return 0;
      }
      default:
        console.error(`Unknown command \`${command}\`.\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ReleaseError || error instanceof CodegenError) {
      console.error(error.format());
      return 1;
    }
    throw error;
  }
}
