// Type-checks several TypeScript projects in one process, as `tsc -p <project> --noEmit` would
// check each, while parsing and binding each declaration file (`.d.ts`) and JSON file once for all
// of them. Every package of the workspace reads the same ~170,000 lines of declarations (lib.dom,
// @types/node, vitest and vite, the MCP SDK...): a `tsc` per package parsed and bound them once
// per package, 22 times, about 150 s of CPU in all; this way the whole check takes about 33 s.
// This is what `tsc --build` does between the projects of a build (TypeScript's
// `changeCompilerHostLikeToUseCache`: declaration and JSON files only), without its requirement
// that every project be `composite`, which the packages' tests (they import each other's support
// files) are not.
//
// Sharing a parsed file between programs is what TypeScript's language service does between the
// projects of an editor (its DocumentRegistry): a SourceFile holds the parse and the binding, a
// program's checker keeps its own state apart. It is sound only between programs whose options
// parse and bind a file alike, so the cache is keyed by the DocumentRegistry's own key for that
// (`getKeyForCompilationSettings`: target, module, jsx, strictness...) and by the file's module
// format.
import { performance } from "node:perf_hooks";
import type ts from "typescript";
import { typescript } from "./typescript.js";

export interface ProjectResult {
  /** The tsconfig.json checked. */
  readonly config: string;
  /** tsc's diagnostics (`file(line,col): error TS…: message`), paths relative to `root`. */
  readonly diagnostics: readonly string[];
  readonly errors: number;
  /** Files in the program (a count, to tell a project that checked nothing). */
  readonly files: number;
  /** Of those, declaration and JSON files parsed for an earlier project and reused. */
  readonly reused: number;
  readonly ms: number;
}

export interface CheckOptions {
  /** What diagnostic paths are relative to. */
  readonly root: string;
  /** Called as each project is done (the CLI prints progress with it). */
  readonly onProject?: (result: ProjectResult) => void;
}

const SHARED = /\.(d\.[cm]?ts|d\.[^.]+\.ts|json)$/;

/** Checks each project (a tsconfig.json path) in turn, sharing declaration files between them. */
export function checkProjects(configs: readonly string[], options: CheckOptions): ProjectResult[] {
  const ts = typescript();
  const registry = ts.createDocumentRegistry();
  const cache = new Map<string, ts.SourceFile>();
  // The registry's key ends with `paths`' base folder, which steers module resolution but not how
  // a file parses or binds: without it, packages that map their own name with `paths` (the
  // generated ones do) share the declarations too.
  const settingsKey = (compilerOptions: ts.CompilerOptions) =>
    registry.getKeyForCompilationSettings({ ...compilerOptions, pathsBasePath: undefined });
  const results: ProjectResult[] = [];
  for (const config of configs) {
    const result = checkProject(ts, config, options.root, settingsKey, cache);
    results.push(result);
    options.onProject?.(result);
  }
  return results;
}

function checkProject(
  ts: typeof import("typescript"),
  config: string,
  root: string,
  settingsKey: (options: ts.CompilerOptions) => string,
  cache: Map<string, ts.SourceFile>,
): ProjectResult {
  const started = performance.now();
  const formatHost: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  };
  const format = (diagnostics: readonly ts.Diagnostic[]) =>
    diagnostics.map((diagnostic) => ts.formatDiagnostics([diagnostic], formatHost).trimEnd());
  let reused = 0;
  const finish = (diagnostics: readonly ts.Diagnostic[], files: number): ProjectResult => ({
    config,
    diagnostics: format(diagnostics),
    errors: diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error).length,
    files,
    reused,
    ms: Math.round(performance.now() - started),
  });

  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    { noEmit: true }, // what `--noEmit` adds on tsc's command line
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic) },
  );
  if (parsed === undefined || configErrors.length > 0) return finish(configErrors, 0);
  const key = settingsKey(parsed.options);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (!SHARED.test(fileName) || shouldCreateNewSourceFile === true)
      return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const format =
      typeof languageVersionOrOptions === "object" ? languageVersionOrOptions.impliedNodeFormat : undefined;
    const cacheKey = `${key}|${format}|${host.getCanonicalFileName(fileName)}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) {
      reused++;
      return cached;
    }
    const file = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    if (file !== undefined) cache.set(cacheKey, file);
    return file;
  };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host,
    ...(parsed.projectReferences === undefined ? {} : { projectReferences: parsed.projectReferences }),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  // What `tsc --noEmit` reports, as its emitFilesAndReportErrors gathers it: config and syntax
  // errors first; options and global errors only without those; the semantic errors, and (with
  // `declaration`, as the packages set it) the declaration emitter's, only without any of those.
  const all = [...program.getConfigFileParsingDiagnostics()];
  const before = all.length;
  all.push(...program.getSyntacticDiagnostics());
  if (all.length === before) {
    all.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    if (all.length === before) all.push(...program.getSemanticDiagnostics());
    const declarations = parsed.options.declaration === true || parsed.options.composite === true;
    if (declarations && all.length === before) all.push(...program.getDeclarationDiagnostics());
  }
  const diagnostics = ts.sortAndDeduplicateDiagnostics(all);
  return finish(diagnostics, program.getSourceFiles().length);
}
