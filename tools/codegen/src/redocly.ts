// Redocly for the codegen: lint and bundle run in this process through @redocly/openapi-core,
// reading and parsing each spec file once for both (the CLI parsed it twice, in two processes,
// each starting a 14 MB bundle). The gate is the same as `redocly lint`'s: the same redocly.yaml
// (rules, plugins, `.redocly.lint-ignore.yaml`), and test/redocly-parity.test.ts holds the
// problems and the bundled JSON to the pinned CLI's on real specs. The release tooling bundles
// the same way, through `bundleSpecFile` (a spec file outside any workspace).
//
// The CLI (@redocly/cli, which ships its own newer copy of openapi-core) is still run as a process
// for what only it does: `build-docs` (the reference pages), `diff` (the release tooling) and
// `lint --generate-ignore-file` (new-api). `runRedocly` is the one way to start it.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { BaseResolver, Config, Document, NormalizedProblem, Plugin } from "@redocly/openapi-core";
import { describeError, PipelineError, type SpecLocation } from "./errors.js";
import type { OpenApiDocument } from "./openapi.js";
import { escapeToken, unescapeToken } from "./pointer.js";
import { type ApiEntry, CONFIG_FILE, toPosix, type Workspace } from "./workspace.js";

const require = createRequire(import.meta.url);
/** The pinned Redocly CLI's entry script (run it with `process.execPath`). */
export const REDOCLY_CLI = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

/** Variables that keep the CLI offline and quiet, whatever the caller's environment says. */
const QUIET_ENV = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };

export interface LintProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: "error" | "warn";
  readonly ruleId: string;
  readonly message: string;
}

export interface RedoclyRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as the CLI wrote them, for error messages. */
  readonly output: string;
}

/**
 * Runs the pinned Redocly CLI with telemetry, update notices and colour off. Every tool in the
 * workspace that starts the CLI goes through here, so none of them can phone home.
 */
export function runRedocly(args: readonly string[], cwd: string): Promise<RedoclyRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [REDOCLY_CLI, ...args], {
      cwd,
      env: { ...process.env, ...QUIET_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      output.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      output.push(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolvePromise({
        code: code ?? 1,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        output: Buffer.concat(output).toString("utf8"),
      }),
    );
  });
}

/**
 * What is left of the CLI's output once Redocly's own banners (the Node deprecation box,
 * progress lines) are dropped: the part worth quoting in an error message.
 */
export function redoclyDiagnostics(output: string): string {
  return output
    .split("\n")
    .filter(
      (line) =>
        line.trim() !== "" &&
        !/[║╔╚]/.test(line) &&
        !/^(validating|bundling|📦|Prerendering)/.test(line.trim()),
    )
    .join("\n");
}

type Core = typeof import("@redocly/openapi-core");
let loadedCore: Promise<Core> | undefined;
/** openapi-core is loaded on first use: the docs and release tools import this module without linting. */
const redoclyCore = (): Promise<Core> => {
  loadedCore ??= import("@redocly/openapi-core");
  return loadedCore;
};

/**
 * The one difference between @redocly/openapi-core 2.64 (the newest published) and the 2.77 the
 * CLI bundles that leadkit's specs can meet, found by the parity test: for a discriminator
 * `mapping` value that names a schema (`dog: Dog`, which OpenAPI allows), 2.64's
 * `no-unresolved-refs` tries to open a file called `Dog` and reports "Can't resolve $ref", and
 * reports an unresolved `$ref` value twice. 2.77 accepts a name that is a key of
 * `components.schemas`, reports any other name as "Discriminator mapping value 'X' does not point
 * to an existing schema component.", and leaves `$ref` values to its `$ref` check. This gives the
 * built-in rule 2.77's behaviour; delete it once openapi-core catches up (the parity test says when).
 */
function withCliDiscriminatorMappingCheck(core: Core, plugins: Plugin[]): Plugin[] {
  return plugins.map((plugin) => {
    const rules = plugin.rules?.oas3 as
      | Record<string, (options: unknown) => Record<string, unknown>>
      | undefined;
    const original = plugin.id === "" ? rules?.["no-unresolved-refs"] : undefined;
    if (rules === undefined || original === undefined) return plugin;
    const rule = (options: unknown) => {
      let schemaNames: string[] = [];
      return {
        ...original(options),
        Root: {
          enter(root: { components?: { schemas?: Record<string, unknown> } }) {
            schemaNames = Object.keys(root?.components?.schemas ?? {});
          },
        },
        DiscriminatorMapping(
          mapping: Record<string, unknown>,
          context: {
            report: (problem: { message: string; location: unknown; reference: string }) => void;
            location: { child: (key: string) => unknown };
          },
        ) {
          for (const key of Object.keys(mapping)) {
            const value = mapping[key];
            if (core.isMappingRef(value as string) || schemaNames.includes(value as string)) continue;
            context.report({
              message: `Discriminator mapping value '${String(value)}' does not point to an existing schema component.`,
              location: context.location.child(key),
              reference: "https://redocly.com/docs/cli/rules/oas/no-unresolved-refs",
            });
          }
        },
      };
    };
    return {
      ...plugin,
      rules: { ...plugin.rules, oas3: { ...rules, "no-unresolved-refs": rule } },
    } as Plugin;
  });
}

const relativeTo = (root: string, file: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? file : toPosix(relative(root, file));

/** A Redocly message with the absolute paths under `root` made relative, as every path we print is. */
const withRelativePaths = (root: string, text: string) =>
  text.split(`${root}/`).join("").split(root).join(".");

/** How many object keys a JSON text holds (every string token followed by `:`). */
function keysInText(text: string): number {
  let count = 0;
  const { length } = text;
  for (let index = 0; index < length; index++) {
    if (text.charCodeAt(index) !== 34) continue; // a string opens
    index++;
    while (index < length) {
      const code = text.charCodeAt(index);
      if (code === 92)
        index += 2; // an escape: skip the escaped character
      else if (code === 34) break;
      else index++;
    }
    let next = index + 1;
    for (let code = text.charCodeAt(next); code === 32 || code === 9 || code === 10 || code === 13; ) {
      code = text.charCodeAt(++next);
    }
    if (text.charCodeAt(next) === 58) count++; // `:` follows: it was a key
    index = next - 1;
  }
  return count;
}

function keysInValue(value: unknown): number {
  let count = 0;
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else
      for (const key of Object.keys(node)) {
        count++;
        stack.push((node as Node)[key]);
      }
  }
  return count;
}

/**
 * A resolver that parses a `.json` file with JSON.parse, ten times faster than the YAML parser
 * Redocly uses for every file (0.06 s against 0.6 s on GitHub's 13 MB description), whenever
 * that gives exactly what Redocly's parser would: no key twice (which it rejects and JSON.parse
 * lets the last one win: told apart by counting the keys in the text), no `<<` (a YAML merge
 * key) and no `__proto__`. Anything else, errors included, goes to Redocly's own parser.
 */
function jsonFirstResolver(core: Core, config: Config): BaseResolver {
  const resolver = new core.BaseResolver(config.resolve);
  const parseYaml = resolver.parseDocument.bind(resolver);
  resolver.parseDocument = (source, isRoot) => {
    const body = source.body;
    if (/\.json$/i.test(source.absoluteRef) && !body.includes('"<<"') && !body.includes('"__proto__"')) {
      try {
        const parsed: unknown = JSON.parse(body);
        if (keysInValue(parsed) === keysInText(body)) return { source, parsed };
      } catch {
        // not JSON after all: Redocly's parser says what is wrong with it
      }
    }
    return parseYaml(source, isRoot);
  };
  return resolver;
}

/**
 * The spec a check reads, and how its errors name things: an API of the workspace, or a spec file
 * on its own (`bundleSpecFile`).
 */
interface Subject {
  /** Who failed, in a `PipelineError` (its `api`): the API's name, or the spec file's path. */
  readonly name: string;
  /** Absolute path of the root spec file. */
  readonly specFile: string;
  /** The folder paths in messages are relative to (the workspace root). */
  readonly root: string;
  /** The Redocly config; undefined for none (no rules, decorators or preprocessors). */
  readonly configFile: string | undefined;
  /** The entry of the config's `apis:` whose settings apply, as `redocly lint <api>` applies them. */
  readonly alias?: string;
}

const apiSubject = (workspace: Workspace, api: ApiEntry): Subject => ({
  name: api.name,
  specFile: api.specFile,
  root: workspace.root,
  configFile: workspace.configFile,
  alias: api.name,
});

/** The subject's config (redocly.yaml with its API's settings applied, as `redocly lint <api>` sees it). */
async function subjectConfig(core: Core, subject: Subject): Promise<Config> {
  const { configFile } = subject;
  let config: Config;
  if (configFile === undefined) {
    // Not `loadConfig()`: without a path, it reads whatever redocly.yaml is in the current directory.
    config = await core.createConfig({});
  } else {
    try {
      config = await core.loadConfig({ configPath: configFile });
    } catch (error) {
      const file = relativeTo(subject.root, configFile);
      throw new PipelineError({
        api: subject.name,
        step: "lint",
        location: { file },
        reason: `Redocly could not load ${file}: ${describeError(error)}`,
        fix: `Fix ${file} (its rules, plugins and \`apis:\`), then run \`pnpm lint:specs\`.`,
      });
    }
  }
  const applied = config.forAlias(subject.alias);
  applied.plugins = withCliDiscriminatorMappingCheck(core, applied.plugins);
  return applied;
}

/** Reads and parses the root spec file (and, lazily, what it references). */
async function readSpec(core: Core, subject: Subject, resolver: BaseResolver): Promise<Document> {
  try {
    return (await resolver.resolveDocument(null, subject.specFile, true)) as Document;
  } catch (error) {
    if (error instanceof core.YamlParseError) {
      const reason = error.message.replace(/\s*\(\d+:\d+\)$/, "").replace(/ in "[^"]*"$/, "");
      throw new PipelineError({
        api: subject.name,
        step: "lint",
        location: {
          file: relativeTo(subject.root, error.source.absoluteRef),
          ...(Number.isFinite(error.line) ? { line: error.line } : {}),
          ...(Number.isFinite(error.col) ? { col: error.col } : {}),
        },
        reason: `The spec is not valid YAML or JSON: ${reason}`,
        fix: "Fix the syntax at that line (indentation, quotes, a missing `:`), then run `pnpm lint:specs`.",
      });
    }
    throw new PipelineError({
      api: subject.name,
      step: "lint",
      location: { file: relativeTo(subject.root, subject.specFile) },
      reason: `Redocly could not read the spec: ${withRelativePaths(subject.root, describeError(error))}`,
      fix:
        subject.alias === undefined
          ? "Check that the file exists and is readable."
          : `Check that the file exists and is readable, and that \`apis.${subject.alias}.root\` in ${CONFIG_FILE} points at it.`,
    });
  }
}

function toLintProblem(core: Core, root: string, problem: NormalizedProblem): LintProblem {
  const first = problem.location[0];
  const location = first === undefined ? undefined : core.getLineColLocation(first);
  return {
    file: location === undefined ? "" : relativeTo(root, location.source.absoluteRef),
    line: location?.start?.line ?? 1,
    col: location?.start?.col ?? 1,
    severity: problem.severity === "error" ? "error" : "warn",
    ruleId: problem.ruleId,
    message: problem.message,
  };
}

/** Problems as the CLI lists them: ignored ones dropped, errors before warnings, otherwise in walk order. */
function listed(core: Core, root: string, problems: readonly NormalizedProblem[]): LintProblem[] {
  const rank = (problem: NormalizedProblem) => (problem.severity === "error" ? 0 : 1);
  return problems
    .filter((problem) => !problem.ignored)
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index)
    .map(({ problem }) => toLintProblem(core, root, problem));
}

/** The CLI's order of an OpenAPI document's top-level keys in a bundle (`sortTopLevelKeys`). */
const TOP_LEVEL_ORDER = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "security",
  "tags",
  "externalDocs",
  "paths",
  "webhooks",
  "x-webhooks",
  "components",
];

function asCliJson(parsed: Record<string, unknown>, files: ReadonlySet<string>): OpenApiDocument {
  const sorted: Record<string, unknown> = {};
  for (const key of TOP_LEVEL_ORDER) if (Object.hasOwn(parsed, key)) sorted[key] = parsed[key];
  Object.assign(sorted, parsed);
  // The CLI prints the bundle as JSON, which the codegen read back. Made of JSON files only,
  // the bundle holds nothing JSON cannot (and the round trip costs 0.4 s on GitHub's); from YAML,
  // the same round trip drops what JSON cannot hold and unshares what anchors shared.
  if ([...files].every((file) => /\.json$/i.test(file))) return sorted;
  return JSON.parse(JSON.stringify(sorted)) as OpenApiDocument;
}

export interface CheckedSpec {
  /** Lint problems that fail the gate (errors and warnings; ignored ones left out). */
  readonly problems: readonly LintProblem[];
  /** The bundled document, when asked for and lint passed. */
  readonly document: OpenApiDocument | undefined;
}

interface CheckOptions {
  readonly lint?: boolean;
  readonly bundle?: boolean;
}

/**
 * Lints a spec and, when asked and lint passes, bundles it from the same parsed files: what
 * `checkApi` does for an API of the workspace and `bundleSpecFile` (without lint) for a file.
 */
async function check(subject: Subject, options: CheckOptions): Promise<CheckedSpec> {
  const core = await redoclyCore();
  const config = await subjectConfig(core, subject);
  let resolver = jsonFirstResolver(core, config);
  let document = await readSpec(core, subject, resolver);
  let problems: LintProblem[] = [];
  if (options.lint !== false) {
    problems = listed(
      core,
      subject.root,
      await core.lintDocument({ document, config, externalRefResolver: resolver }),
    );
    if (problems.length > 0 || options.bundle !== true) return { problems, document: undefined };
    // Preprocessors may change the parsed files while linting (which is why the CLI never
    // shares them); then bundling starts from a fresh read, as `redocly bundle` does.
    const version = core.getMajorSpecVersion(core.detectSpec(document.parsed));
    const preprocessors = config.plugins.flatMap((plugin) =>
      Object.keys((plugin.preprocessors as Record<string, object> | undefined)?.[version] ?? {}),
    );
    const spec = core.detectSpec(document.parsed);
    if (preprocessors.some((id) => config.getPreprocessorSettings(id, spec).severity !== "off")) {
      resolver = jsonFirstResolver(core, config);
      document = await readSpec(core, subject, resolver);
    }
  }
  if (options.bundle !== true) return { problems, document: undefined };
  const result = await core.bundle({ doc: document, config, externalRefResolver: resolver });
  const errors = result.problems.filter((problem) => !problem.ignored && problem.severity === "error");
  if (errors.length > 0) {
    const listedErrors = listed(core, subject.root, errors);
    const first = listedErrors[0] as LintProblem;
    throw new PipelineError({
      api: subject.name,
      step: "bundle",
      location: { file: first.file, line: first.line, col: first.col },
      reason: withRelativePaths(subject.root, listedErrors.map(formatProblem).join("\n")),
      fix: "Make every reference above resolve (a `$ref` or `externalValue` to a file that exists, a pointer into it that exists), then run `pnpm generate`.",
    });
  }
  return {
    problems,
    document: asCliJson(result.bundle.parsed as Record<string, unknown>, resolver.getFiles()),
  };
}

/**
 * Lints one API with the workspace's redocly.yaml and, when asked and lint passes, bundles it
 * from the same parsed files. Warnings count as problems: the gate is zero. A spec Redocly cannot
 * read or bundle fails with a `PipelineError` (file and line).
 */
export function checkApi(
  workspace: Workspace,
  api: ApiEntry,
  options: CheckOptions = {},
): Promise<CheckedSpec> {
  return check(apiSubject(workspace, api), options);
}

/** Lints one API with the workspace's redocly.yaml. Warnings count as problems: the gate is zero. */
export async function lintApi(workspace: Workspace, api: ApiEntry): Promise<LintProblem[]> {
  return [...(await checkApi(workspace, api)).problems];
}

export function formatProblem(problem: LintProblem): string {
  return `${problem.file}:${problem.line}:${problem.col}  ${problem.severity}  ${problem.ruleId}  ${problem.message}`;
}

async function bundled(subject: Subject): Promise<OpenApiDocument> {
  const { document } = await check(subject, { lint: false, bundle: true });
  return document as OpenApiDocument;
}

/** Bundles one API into a single document (external `$ref`s inlined into components), without linting. */
export function bundleApi(workspace: Workspace, api: ApiEntry): Promise<OpenApiDocument> {
  return bundled(apiSubject(workspace, api));
}

/**
 * Bundles a spec file that belongs to no workspace (e.g. a copy of a spec at another commit), as
 * `redocly bundle <file> --ext json` writes it. `configFile` is the Redocly config whose decorators,
 * preprocessors and resolve settings apply (none when left out; never a redocly.yaml found in the
 * current directory). A spec Redocly cannot read or bundle fails with a `PipelineError` that names
 * the file and line, its paths relative to `root` (default: the current directory).
 */
export function bundleSpecFile(
  specFile: string,
  options: { readonly configFile?: string; readonly root?: string } = {},
): Promise<OpenApiDocument> {
  const root = resolve(options.root ?? ".");
  const file = resolve(specFile);
  return bundled({
    name: relativeTo(root, file),
    specFile: file,
    root,
    configFile: options.configFile === undefined ? undefined : resolve(options.configFile),
  });
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Where a JSON pointer of the bundled document is written in the spec's own files: followed from
 * the root file, through `$ref`s into the files they name. Undefined when bundling made it up
 * (a component collected from another file) or it does not exist.
 */
export async function locatePointer(
  root: string,
  api: ApiEntry,
  pointer: string,
): Promise<SpecLocation | undefined> {
  if (!pointer.startsWith("#")) return undefined;
  const core = await redoclyCore();
  const resolver = new core.BaseResolver();
  let document: Document;
  try {
    document = (await resolver.resolveDocument(null, api.specFile, true)) as Document;
  } catch {
    return undefined;
  }
  let segments = pointer.slice(1).split("/").filter(Boolean).map(unescapeToken);
  let node: unknown = document.parsed;
  let walked: string[] = [];
  for (let hops = 0; hops < 50; ) {
    const [next, ...rest] = segments;
    if (next === undefined) {
      const location = core.getLineColLocation({
        source: document.source,
        pointer: `#/${walked.map(escapeToken).join("/")}`,
        reportOnKey: false,
      });
      return {
        file: toPosix(relative(root, document.source.absoluteRef)),
        line: location.start.line,
        col: location.start.col,
      };
    }
    if (isNode(node) && typeof node.$ref === "string" && !(next in node)) {
      hops++;
      const [file = "", fragment = ""] = node.$ref.split("#");
      if (file !== "") {
        try {
          const target = isAbsolute(file) ? file : join(dirname(document.source.absoluteRef), file);
          document = (await resolver.resolveDocument(null, target, false)) as Document;
        } catch {
          return undefined;
        }
      }
      segments = [...fragment.split("/").filter(Boolean).map(unescapeToken), ...segments];
      node = document.parsed;
      walked = [];
      continue;
    }
    const child = Array.isArray(node) ? node[Number(next)] : isNode(node) ? node[next] : undefined;
    if (child === undefined) return undefined;
    node = child;
    walked = [...walked, next];
    segments = rest;
  }
  return undefined;
}
