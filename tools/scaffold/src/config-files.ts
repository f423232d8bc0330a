// The three shared files an API is registered in, edited so that everything else in them stays
// byte for byte (comments included): redocly.yaml's `apis:` (the single API list), Redocly's
// lint-ignore file (the vendor-spec problems accepted per file), and docs/package.json (the docs
// depend on every types package, so turbo builds them first).
import { isMap, isScalar, parseDocument } from "yaml";

export const IGNORE_FILE = ".redocly.lint-ignore.yaml";

/** What `redocly lint --generate-ignore-file` writes at the top of a new ignore file. */
const IGNORE_FILE_HEADER =
  "# This file instructs Redocly's linter to ignore the rules contained for specific parts of your API.\n" +
  "# See https://redocly.com/docs/cli/ for more information.\n";

/** redocly.yaml with `apis.<name>.root` added at the end of the list. */
export function addApi(config: string, name: string, root: string): string {
  const document = parseDocument(config);
  const apis = document.get("apis");
  if (!isMap(apis)) throw new Error("redocly.yaml has no `apis:` map");
  if (apis.has(name)) throw new Error(`redocly.yaml already lists \`${name}\``);
  document.setIn(["apis", name], document.createNode({ root }));
  return document.toString();
}

/** redocly.yaml without `apis.<name>`. */
export function removeApi(config: string, name: string): string {
  const document = parseDocument(config);
  document.deleteIn(["apis", name]);
  return document.toString();
}

/** The ignore file's entries: file (relative to redocly.yaml) -> rule -> JSON pointers. */
export type IgnoreEntries = Record<string, Record<string, string[]>>;

export function parseIgnoreEntries(text: string): IgnoreEntries {
  const value = parseDocument(text).toJS() as IgnoreEntries | null;
  return value ?? {};
}

/**
 * The ignore file with the entries of `generated` (another ignore file, e.g. one Redocly wrote
 * for a new API alone) added; undefined when there is nothing to add and no file yet.
 */
export function mergeIgnoreFile(current: string | undefined, generated: string): string | undefined {
  const source = parseDocument(generated);
  if (!isMap(source.contents) || source.contents.items.length === 0) return current;
  // A file with only the header comment parses to an empty document: start its map.
  const target = parseDocument(current ?? `${IGNORE_FILE_HEADER}{}\n`);
  const map = target.contents;
  if (!isMap(map)) throw new Error(`${IGNORE_FILE} is not a YAML map`);
  map.flow = false;
  for (const pair of source.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (map.has(key)) throw new Error(`${IGNORE_FILE} already has entries for ${key}`);
    map.items.push(pair);
  }
  return target.toString();
}

/**
 * The ignore file without the entries of files under `dir` (e.g. `specs/github/`); undefined
 * when nothing else is left in it (the file is then removed).
 */
export function removeIgnoreEntries(current: string, dir: string): string | undefined {
  const document = parseDocument(current);
  if (!isMap(document.contents)) return current;
  const map = document.contents;
  map.items = map.items.filter((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    return !key.startsWith(dir);
  });
  return map.items.length === 0 ? undefined : document.toString();
}

/**
 * The packages of an API the docs depend on: the types package's spec is rendered, and the code
 * samples are type-checked against the client and the mock.
 */
export function docsPackages(scope: string, name: string): string[] {
  return [`${scope}/${name}-types`, `${scope}/${name}`, `${scope}/${name}-mock`];
}

/**
 * The workspace's type-check package (tools/typecheck) depends on every package: turbo builds what
 * it depends on before it type-checks them all. An API's four packages are added to it.
 */
export const TYPECHECK_MANIFEST = "tools/typecheck/package.json";

export function typecheckPackages(scope: string, name: string): string[] {
  return [`${scope}/${name}-types`, `${scope}/${name}`, `${scope}/${name}-mock`, `${scope}/${name}-mcp`];
}

/**
 * The manifests that depend on an API's packages, with those packages: docs/package.json, and the
 * type-check's (where the workspace has one).
 */
export function dependentManifests(scope: string, name: string): Array<{ path: string; packages: string[] }> {
  return [
    { path: "docs/package.json", packages: docsPackages(scope, name) },
    { path: TYPECHECK_MANIFEST, packages: typecheckPackages(scope, name) },
  ];
}

/** A manifest (docs/package.json, the type-check's) with `devDependencies[name] = "workspace:*"`, in alphabetical order. */
export function addDevDependency(manifest: string, name: string): string {
  const json = JSON.parse(manifest) as { devDependencies?: Record<string, string> };
  const entries = Object.entries({ ...json.devDependencies, [name]: "workspace:*" }).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  json.devDependencies = Object.fromEntries(entries);
  return `${JSON.stringify(json, null, 2)}\n`;
}

export function removeDevDependency(manifest: string, name: string): string {
  const json = JSON.parse(manifest) as { devDependencies?: Record<string, string> };
  if (json.devDependencies !== undefined) delete json.devDependencies[name];
  return `${JSON.stringify(json, null, 2)}\n`;
}
