// The files of an existing spec: its root and every file reachable from it through relative
// `$ref`s (and the example files its `externalValue`s name), with where each goes under
// specs/<api>/ (their layout kept). Each YAML/JSON file is parsed here, so a file that is not
// YAML/JSON, or a reference to a missing file, is reported with its file:line before anything
// is linted or written.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { CodegenError, type SpecLocation } from "@leadkit/codegen";
import { isMap, isScalar, LineCounter, parseDocument, visit } from "yaml";

export interface SpecFile {
  /** Absolute path of the source file. */
  readonly source: string;
  /** Where it goes, relative to specs/<api>/, with `/` separators. */
  readonly target: string;
  readonly contents: Buffer;
}

export interface SpecFiles {
  readonly files: readonly SpecFile[];
  /** The root's target (e.g. `openapi.yaml`). */
  readonly root: string;
}

/** A problem that no option accepts: the spec cannot be read as an OpenAPI document at all. */
export class StructuralError extends CodegenError {
  constructor(
    message: string,
    hint?: string,
    /** The file (as the user named it) and line, when the problem has one. */
    readonly location?: SpecLocation,
  ) {
    super(message, hint);
  }
}

interface Ref {
  readonly ref: string;
  readonly line: number;
  /** `$ref` (a YAML/JSON file, read in turn) or `externalValue` (an example file, copied as it is). */
  readonly key: "$ref" | "externalValue";
}

const display = (file: string) => relative(process.cwd(), file) || file;

function refsOf(file: string, text: string): Ref[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = document.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0]?.line ?? 1;
    throw new StructuralError(
      `${display(file)}:${line}: not valid YAML or JSON: ${error.message.split("\n")[0]}`,
      "Fix the file; a spec that cannot be parsed cannot be adopted.",
      { file: display(file), line },
    );
  }
  const refs: Ref[] = [];
  visit(document, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if ((key === "$ref" || key === "externalValue") && isScalar(pair.value)) {
        const value = pair.value.value;
        if (typeof value === "string")
          refs.push({ ref: value, line: lineCounter.linePos(pair.value.range?.[0] ?? 0).line, key });
      }
    },
  });
  if (!isMap(document.contents)) {
    throw new StructuralError(`${display(file)}: is not a YAML/JSON object.`, undefined, {
      file: display(file),
    });
  }
  return refs;
}

/** The file a relative `$ref` points at (undefined for a local `#/...` ref). */
function refTarget(from: string, ref: Ref): string | undefined {
  const [path = ""] = ref.ref.split("#");
  if (path === "") return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    // An example served from a URL is the reader's to follow; only `$ref`s must be local.
    if (ref.key === "externalValue") return undefined;
    throw new StructuralError(
      `${display(from)}:${ref.line}: \`$ref: ${ref.ref}\` points outside the spec's files.`,
      "leadkit builds offline and reproducibly: copy the referenced document next to the spec and refer to it by a relative path.",
      { file: display(from), line: ref.line },
    );
  }
  for (const candidate of [path, safeDecode(path)]) {
    const file = resolve(dirname(from), candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  throw new StructuralError(
    `${display(from)}:${ref.line}: \`${ref.key}: ${ref.ref}\` does not resolve: there is no file ${display(resolve(dirname(from), path))}.`,
    `A spec with unresolved references cannot be adopted; add the missing file or fix the \`${ref.key}\`.`,
    { file: display(from), line: ref.line },
  );
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function commonDir(files: readonly string[]): string {
  let dir = dirname(files[0] as string);
  while (!files.every((file) => file.startsWith(dir + sep))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

/** Collects the spec at `rootFile` and every file it reaches; fails on anything structural. */
/**
 * Fails unless the root document says it is OpenAPI 3.0 or 3.1 (`openapi: 3.x.y`): a Swagger 2.0
 * document, or anything else, cannot be linted, bundled or typed as one, and half an API built
 * from it would be worse than none.
 */
export function checkOpenApiVersion(file: string, text: string): void {
  let version: unknown;
  let swagger: unknown;
  const lineCounter = new LineCounter();
  let lineOfKey = (_key: string): number | undefined => undefined;
  try {
    const parsed = parseDocument(text, { lineCounter });
    const document = parsed.toJS() as Record<string, unknown> | null;
    version = document?.openapi;
    swagger = document?.swagger;
    lineOfKey = (key) => {
      const contents = parsed.contents;
      if (!isMap(contents)) return undefined;
      const pair = contents.items.find((item) => isScalar(item.key) && item.key.value === key);
      const start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
      return start === undefined ? undefined : lineCounter.linePos(start).line;
    };
  } catch {
    return; // not YAML: collectSpecFiles reports that with its line
  }
  if (typeof version === "string" && /^3\.[01]\.\d+$/.test(version)) return;
  // new-api adds "Nothing was created." at the end of every refusal
  const hint = "leadkit reads OpenAPI 3.0 and 3.1 documents.";
  const at = (key: string) => {
    const line = lineOfKey(key);
    return line === undefined ? { file: display(file) } : { file: display(file), line };
  };
  if (swagger !== undefined)
    throw new StructuralError(
      `${display(file)} is a Swagger ${String(swagger)} document (\`swagger: ${String(swagger)}\`), not OpenAPI 3.`,
      `${hint} Convert it first, e.g. with swagger2openapi, and add the converted file:\n  npx --yes swagger2openapi ${display(file)} -o openapi.yaml\n`,
      at("swagger"),
    );
  throw new StructuralError(
    version === undefined
      ? `${display(file)} has no \`openapi\` field: it is not an OpenAPI document.`
      : `${display(file)} says \`openapi: ${String(version)}\`, which is not an OpenAPI version leadkit reads.`,
    `${hint}\nThe root file starts with e.g. \`openapi: 3.1.0\`.`,
    at("openapi"),
  );
}

export function collectSpecFiles(rootFile: string): SpecFiles {
  const root = resolve(rootFile);
  if (!existsSync(root)) throw new CodegenError(`There is no spec at ${display(root)}.`);
  if (!statSync(root).isFile()) {
    throw new CodegenError(
      `${display(root)} is a folder; give the spec's root file.`,
      `Example: pnpm new-api my-api ${join(display(root), "openapi.yaml")}`,
    );
  }
  checkOpenApiVersion(root, readFileSync(root, "utf8"));
  const contents = new Map<string, Buffer>();
  const referencedByName = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (contents.has(file)) continue;
    const bytes = readFileSync(file);
    contents.set(file, bytes);
    for (const ref of refsOf(file, bytes.toString("utf8"))) {
      const target = refTarget(file, ref);
      if (target === undefined) continue;
      referencedByName.add(target);
      if (ref.key === "externalValue") {
        // Any format (JSON, XML, an image): copied, never parsed.
        if (!contents.has(target)) contents.set(target, readFileSync(target));
      } else if (!contents.has(target)) queue.push(target);
    }
  }
  const files = [...contents.keys()];
  const base = commonDir(files);
  const targetOf = (file: string) => relative(base, file).split(sep).join("/");
  let rootTarget = targetOf(root);
  const renamed = join(dirname(rootTarget), "openapi.yaml").split(sep).join("/");
  const renamedTaken = files.some((file) => file !== root && targetOf(file) === renamed);
  // Renamed to openapi.yaml (the convention) unless another file refers to the root by name.
  if (basename(root) !== "openapi.yaml" && !referencedByName.has(root) && !renamedTaken) rootTarget = renamed;
  return {
    root: rootTarget,
    files: files.map((file) => ({
      source: file,
      target: file === root ? rootTarget : targetOf(file),
      contents: contents.get(file) as Buffer,
    })),
  };
}
