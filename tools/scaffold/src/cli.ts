// leadkit-scaffold: `new-api` adds an API (spec, registration, packages, docs entry) in one
// command, `remove-api` undoes it. Run through the root scripts `pnpm new-api` / `pnpm remove-api`.
import { dirname, isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CodegenError, findConfigFile, formatUnexpected } from "@leadkit/codegen";
import { ACCEPT_FLAG, type Installer, newApi } from "./new-api.js";
import { removeApi } from "./remove-api.js";

const USAGE = `Usage:
  pnpm new-api <name> [path/to/openapi.yaml] [options]
  pnpm remove-api <name>

new-api creates specs/<name>/ (the given spec and every file it $refs, or a template spec), lists
it in redocly.yaml, scaffolds packages/<name>-types, packages/<name> and packages/<name>-mcp, adds the types package to
the docs, and runs pnpm install. It lints, bundles and generates first, and writes nothing when
that fails; then \`pnpm run main\` builds the packages and the API's reference page.

Options:
  ${ACCEPT_FLAG}   adopt a vendor-published spec as is: record its lint problems in
                                 .redocly.lint-ignore.yaml (new problems still fail)
  --display-name <text>          how prose names the vendor (default: the name in title case)
  --title <text>                 the API's title in prose (default: "<display name> API")
  --no-install                   skip pnpm install (then run it yourself)`;

export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        "accept-existing-problems": { type: "boolean" },
        "display-name": { type: "string" },
        title: { type: "string" },
        "no-install": { type: "boolean" },
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
  const [command, name, spec, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if ((command !== "new-api" && command !== "remove-api") || name === undefined || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  // pnpm runs root scripts in the root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const log = (line: string) => console.error(line);
  const skipInstall: Installer = async () =>
    log("skipped pnpm install (--no-install): run it before building");
  try {
    const root = dirname(findConfigFile(cwd));
    if (command === "remove-api") {
      if (spec !== undefined) {
        console.error(USAGE);
        return 2;
      }
      const result = await removeApi({
        root,
        name,
        log,
        ...(values["no-install"] ? { install: skipInstall } : {}),
      });
      console.log(`Removed ${result.removed.join(", ")}; updated ${result.changed.join(", ")}.`);
      return 0;
    }
    const result = await newApi({
      root,
      name,
      log,
      ...(spec === undefined ? {} : { spec: isAbsolute(spec) ? spec : resolve(cwd, spec) }),
      acceptExistingProblems: values["accept-existing-problems"] === true,
      ...(values["display-name"] === undefined ? {} : { displayName: values["display-name"] }),
      ...(values.title === undefined ? {} : { title: values.title }),
      ...(values["no-install"] ? { install: skipInstall } : {}),
    });
    console.log(
      [
        `Added API \`${name}\` (spec ${result.specRoot}).`,
        `Created ${result.created.length} files; updated ${result.changed.join(", ")}.`,
        ...(result.acceptedProblems > 0
          ? [
              `Accepted the vendor spec's ${result.acceptedProblems} lint problem(s) in .redocly.lint-ignore.yaml.`,
            ]
          : []),
        "Next:",
        `  pnpm turbo run generate build --filter=@leadkit/${name}...   # or: pnpm run main`,
        "  pnpm test",
        `Undo: pnpm remove-api ${name}`,
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    console.error(
      error instanceof CodegenError ? error.format() : formatUnexpected(error, "leadkit-scaffold"),
    );
    return 1;
  }
}
