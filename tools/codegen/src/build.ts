// `leadkit-codegen build`: the build of an API's generated packages (types, client, mock, MCP),
// and of the docs CLI. Each source file is emitted on its own, JavaScript by TypeScript's
// transpiler and (unless the config sets `declaration: false`) declarations by its isolated
// declaration emitter (the file must satisfy `isolatedDeclarations`, which the
// generated code does and the packages' type-check enforces). Nothing reads another package's
// declarations, so no package's build waits for another's, and no program is type-checked: the
// workspace's type-check (tools/typecheck, part of `pnpm test`) does that, with the same options.
// That is why one process builds all of an API's packages (`--api`, the turbo `build` task of its
// types package): a task per package paid a pnpm start and a TypeScript load each for nothing.
// The output is written next to `outDir` and swapped in whole, so a failure leaves the previous
// build as it was.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type ts from "typescript";
import { CodegenError } from "./errors.js";
import { typescript } from "./openapi-typescript.js";
import { toPosix } from "./workspace.js";

export interface BuildResult {
  readonly packageDir: string;
  /** The package's name, from its manifest. */
  readonly name: string;
  readonly files: number;
  readonly ms: number;
}

const CONFIG = "tsconfig.build.json";

function formatDiagnostic(diagnostic: ts.Diagnostic, root: string): string {
  const message = typescript().flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${toPosix(relative(root, diagnostic.file.fileName))}:${line + 1}:${character + 1}: ${message}`;
}

/** Points a source map at the source file, relative to the emitted file, as tsc writes it. */
function mapFor(text: string | undefined, outFile: string, sourceFile: string): string | undefined {
  if (text === undefined) return undefined;
  const map = JSON.parse(text) as { file: string; sources: string[]; sourceRoot?: string };
  map.file = basename(outFile);
  map.sourceRoot = "";
  map.sources = [toPosix(relative(dirname(outFile), sourceFile))];
  return JSON.stringify(map);
}

/** A package whose build is written into `staging`, to be swapped in for `outDir`. */
interface StagedBuild {
  readonly result: BuildResult;
  readonly outDir: string;
  readonly staging: string;
}

/**
 * Builds the package in `packageDir` from its tsconfig.build.json (see the file comment): its
 * whole output, or nothing.
 */
export async function buildPackage(packageDir: string): Promise<BuildResult> {
  const [result] = await buildPackages([packageDir]);
  return result as BuildResult;
}

/**
 * Builds several packages in one process (one load of the TypeScript compiler), e.g. every package
 * of an API (`leadkit-codegen build --api <api>`, its turbo `build` task). Every package is built
 * into a staging folder first; only when all of them have built is each output swapped in, so a
 * package that fails leaves every package's previous build as it was.
 */
export async function buildPackages(packageDirs: readonly string[]): Promise<BuildResult[]> {
  const staged: StagedBuild[] = [];
  try {
    for (const dir of packageDirs) staged.push(await stagePackage(dir));
    for (const { outDir, staging } of staged) {
      const previous = `${outDir}.${process.pid}.old`;
      await rm(previous, { recursive: true, force: true });
      const hadPrevious = existsSync(outDir);
      if (hadPrevious) await rename(outDir, previous);
      try {
        await rename(staging, outDir);
      } catch (error) {
        if (hadPrevious) await rename(previous, outDir);
        throw error;
      }
      await rm(previous, { recursive: true, force: true });
    }
  } finally {
    await Promise.all(staged.map(({ staging }) => rm(staging, { recursive: true, force: true })));
  }
  return staged.map(({ result }) => result);
}

async function stagePackage(packageDir: string): Promise<StagedBuild> {
  const started = performance.now();
  const root = resolve(packageDir);
  const manifestPath = join(root, "package.json");
  if (!existsSync(manifestPath)) {
    throw new CodegenError(
      `${toPosix(relative(process.cwd(), root)) || "."} is not a package (no package.json).`,
      "Run `leadkit-codegen build` in a package's folder, or pass --package <dir>.",
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: string; type?: string };
  const name = manifest.name ?? toPosix(relative(process.cwd(), root));
  const configPath = join(root, CONFIG);
  if (!existsSync(configPath)) {
    throw new CodegenError(
      `${name} has no ${CONFIG} to build from.`,
      `Add one (compilerOptions.rootDir and outDir, and "include"), as \`pnpm new-api\` scaffolds it.`,
    );
  }
  if (manifest.type !== "module") {
    throw new CodegenError(
      `${name} is not an ES module package (package.json has no "type": "module").`,
      "`leadkit-codegen build` emits ES modules only; build this package with `tsc -p tsconfig.build.json`.",
    );
  }
  // Loaded on first use (through require, see openapi-typescript.ts), not on import: everything
  // that imports @leadkit/codegen (its other commands, the docs CLI) would pay 0.8 s for it.
  const ts = typescript();
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
    },
  );
  const errors = [...configErrors, ...(parsed?.errors ?? [])];
  if (parsed === undefined || errors.length > 0) {
    throw new CodegenError(
      `${name}: ${CONFIG} cannot be read:\n${errors.map((error) => `  ${formatDiagnostic(error, root)}`).join("\n")}`,
      `Fix ${CONFIG}.`,
    );
  }
  const { outDir, rootDir } = parsed.options;
  if (outDir === undefined || rootDir === undefined) {
    throw new CodegenError(
      `${name}: ${CONFIG} sets no ${outDir === undefined ? "outDir" : "rootDir"}.`,
      `Set compilerOptions.rootDir and compilerOptions.outDir in ${CONFIG}.`,
    );
  }
  // ES modules, as tsc emits them for a "type": "module" package under NodeNext (the transpiler
  // cannot read package.json to tell).
  const options: ts.CompilerOptions = {
    ...parsed.options,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const staging = `${outDir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  const problems: string[] = [];
  const outputs: Array<[string, string]> = [];
  // `.ts` files only: an `.mts`, `.cts`, `.tsx` or JavaScript source would need tsc's other
  // output names and module formats, which this build does not reproduce. Refused, not skipped.
  const declarations = (file: string) => /\.d\.[cm]?ts$/.test(file);
  const unsupported = parsed.fileNames.filter((file) => !declarations(file) && !file.endsWith(".ts"));
  if (unsupported.length > 0) {
    throw new CodegenError(
      `${name} has sources \`leadkit-codegen build\` does not emit (only .ts files):\n${unsupported.map((file) => `  ${toPosix(relative(root, file))}`).join("\n")}`,
      "Rename them to .ts, or build this package with `tsc -p tsconfig.build.json`.",
    );
  }
  const sources = parsed.fileNames.filter((file) => !declarations(file));
  for (const file of sources) {
    const text = await readFile(file, "utf8");
    const out = join(staging, relative(rootDir, file)).replace(/\.ts$/, "");
    const finalOut = join(outDir, relative(rootDir, file)).replace(/\.ts$/, "");
    const js = ts.transpileModule(text, {
      compilerOptions: options,
      fileName: file,
      reportDiagnostics: true,
    });
    for (const diagnostic of js.diagnostics ?? []) problems.push(formatDiagnostic(diagnostic, root));
    outputs.push([`${out}.js`, js.outputText]);
    const jsMap = mapFor(js.sourceMapText, `${finalOut}.js`, file);
    if (jsMap !== undefined) outputs.push([`${out}.js.map`, jsMap]);
    // Declarations as tsc writes them: only when the config asks (a private tool such as the docs
    // CLI sets `declaration: false` and needs no isolatedDeclarations).
    if (options.declaration !== true) continue;
    const dts = ts.transpileDeclaration(text, {
      compilerOptions: options,
      fileName: file,
      reportDiagnostics: true,
    });
    for (const diagnostic of dts.diagnostics ?? []) problems.push(formatDiagnostic(diagnostic, root));
    outputs.push([`${out}.d.ts`, dts.outputText]);
    const dtsMap = mapFor(dts.sourceMapText, `${finalOut}.d.ts`, file);
    if (dtsMap !== undefined) outputs.push([`${out}.d.ts.map`, dtsMap]);
  }
  if (problems.length > 0) {
    throw new CodegenError(
      `${name} cannot be built file by file:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
      "Give every export an explicit type (isolatedDeclarations); for generated files, fix the codegen target that writes them. Nothing was written.",
    );
  }
  try {
    for (const [file, contents] of outputs) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, contents);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return {
    result: { packageDir: root, name, files: sources.length, ms: Math.round(performance.now() - started) },
    outDir,
    staging,
  };
}
