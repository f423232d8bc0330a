// The templates never drift from the packages we maintain by hand: rendered for each existing
// API (values derived from its name and bundled spec), every template must match that API's
// real file, per-API prose (`{{#slot}}`) aside. And the spec template passes the project's lint.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadWorkspace, type OpenApiDocument } from "@leadkit/codegen";
import { afterAll, describe, expect, it } from "vitest";
import {
  addApi,
  addDevDependency,
  mergeIgnoreFile,
  removeApi,
  removeDevDependency,
  removeIgnoreEntries,
} from "../src/config-files.js";
import { createStaging } from "../src/staging.js";
import { matchTemplate, parseTemplate, renderTemplate } from "../src/template.js";
import {
  loadTemplate,
  NOT_SCAFFOLDED,
  nameValues,
  PACKAGE_JSON_EXTENSIBLE,
  PACKAGE_JSON_PROSE,
  PACKAGE_TEMPLATES,
  SPEC_TEMPLATE,
  specValues,
  type TemplateFile,
} from "../src/templates.js";
import { REPO } from "./helpers.js";

const workspace = loadWorkspace(join(REPO, "redocly.yaml"));
const GIVEN = new Set(["title", "displayName"]);

function knownValues(name: string): Record<string, string> {
  const api = workspace.apis.find((entry) => entry.name === name);
  if (api === undefined) throw new Error(`no API ${name}`);
  const bundled = join(api.typesDir, "spec", "openapi.json");
  const document = JSON.parse(readFileSync(bundled, "utf8")) as OpenApiDocument;
  return { ...nameValues(name), ...specValues(document, api.specPath) };
}

/** A template's package.json rendered with the slots empty: the structure, without the prose. */
function renderSkeleton(template: TemplateFile, values: Record<string, string>): Record<string, unknown> {
  const parts = loadTemplate(template.template).map((part) =>
    part.kind === "slot" ? { kind: "text" as const, text: "" } : part,
  );
  return JSON.parse(renderTemplate(parts, { ...values, title: "", displayName: "" }, template.template));
}

type Json = Record<string, unknown>;

/** The extra entries of the real manifest in the extensible maps, as `scripts.bench`. */
function packageJsonDifferences(rendered: Json, actual: Json): { problems: string[]; extras: string[] } {
  const problems: string[] = [];
  const extras: string[] = [];
  if (JSON.stringify(Object.keys(rendered)) !== JSON.stringify(Object.keys(actual)))
    problems.push(
      `keys: template ${JSON.stringify(Object.keys(rendered))}, file ${JSON.stringify(Object.keys(actual))}`,
    );
  for (const key of Object.keys(rendered)) {
    if ((PACKAGE_JSON_PROSE as readonly string[]).includes(key)) continue;
    if ((PACKAGE_JSON_EXTENSIBLE as readonly string[]).includes(key)) {
      const want = rendered[key] as Record<string, string>;
      const have = (actual[key] ?? {}) as Record<string, string>;
      for (const [entry, value] of Object.entries(want))
        if (have[entry] !== value)
          problems.push(
            `${key}.${entry}: template ${JSON.stringify(value)}, file ${JSON.stringify(have[entry])}`,
          );
      for (const entry of Object.keys(have)) if (!(entry in want)) extras.push(`${key}.${entry}`);
      continue;
    }
    if (JSON.stringify(rendered[key]) !== JSON.stringify(actual[key]))
      problems.push(`${key}: template ${JSON.stringify(rendered[key])}, file ${JSON.stringify(actual[key])}`);
  }
  return { problems, extras };
}

const apis = workspace.apis.map((api) => api.name);

describe.each(apis)("the templates rendered for %s", (name) => {
  const known = knownValues(name);
  it.each(PACKAGE_TEMPLATES.map((template) => [template.target(name), template] as const))(
    "match its %s",
    (target, template) => {
      const file = join(REPO, target);
      expect(existsSync(file), `${target} exists (every template has a maintained counterpart)`).toBe(true);
      const actual = readFileSync(file, "utf8");
      if (template.comparison === "package-json") {
        const { problems } = packageJsonDifferences(
          renderSkeleton(template, known),
          JSON.parse(actual) as Json,
        );
        expect(problems, `${template.template} vs ${target}`).toEqual([]);
        return;
      }
      const result = matchTemplate(loadTemplate(template.template), actual, known, GIVEN, template.template);
      expect(result.mismatch ?? "matches", `${template.template} vs ${target}`).toBe("matches");
    },
  );
});

describe("package.json entries only some APIs have", () => {
  it.each(
    PACKAGE_TEMPLATES.filter((template) => template.comparison === "package-json").map(
      (t) => [t.template, t] as const,
    ),
  )(
    "%s: an entry every existing package has is in the template (or listed as not scaffolded, with why)",
    (_template, template) => {
      const extrasPerApi = apis.map(
        (name) =>
          packageJsonDifferences(
            renderSkeleton(template, knownValues(name)),
            JSON.parse(readFileSync(join(REPO, template.target(name)), "utf8")) as Json,
          ).extras,
      );
      const everywhere = (extrasPerApi[0] ?? []).filter((extra) =>
        extrasPerApi.every((list) => list.includes(extra)),
      );
      expect(everywhere.filter((extra) => NOT_SCAFFOLDED[extra] === undefined)).toEqual([]);
    },
  );
});

describe("the spec template", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("passes the project's lint, bundles and generates", async () => {
    const contents = renderTemplate(
      loadTemplate(SPEC_TEMPLATE),
      { name: "acme", displayName: "Acme", title: "Acme Leads API" },
      SPEC_TEMPLATE,
    );
    const staging = await createStaging(workspace, "acme", "specs/acme/openapi.yaml", [
      { path: "specs/acme/openapi.yaml", contents },
    ]);
    cleanups.push(staging.cleanup);
    expect(await staging.lint()).toEqual([]);
    const document = await staging.bundle();
    expect((document.info as { title: string }).title).toBe("Acme Leads API");
  });
});

describe("the template language", () => {
  it.each<[string, { template: string; actual: string; ok: boolean }]>([
    [
      "values and a slot",
      { template: "a {{name}} {{#s}}default{{/s}} b", actual: "a x anything at all b", ok: true },
    ],
    [
      "a given value, the same at every use",
      { template: "{{title}}: {{title}}", actual: "T t: T t", ok: true },
    ],
    ["a given value that differs", { template: "{{title}}: {{title}}", actual: "T: U", ok: false }],
    ["a changed literal", { template: "a {{name}} b", actual: "a x c", ok: false }],
  ])("%s", (_name, { template, actual, ok }) => {
    expect(matchTemplate(parseTemplate(template), actual, { name: "x" }, GIVEN).ok).toBe(ok);
  });

  it("says where a file departs from its template", () => {
    const result = matchTemplate(
      parseTemplate("line one\nline {{name}}\nline three\n"),
      "line one\nline x\nline 3\n",
      { name: "x" },
      GIVEN,
    );
    expect(result.mismatch).toMatch(
      /^line 2: the template expects "\\nline three\\n", the file has "\\nline 3\\n"/,
    );
  });

  it("renders slots with their default text", () => {
    expect(renderTemplate(parseTemplate("{{#a}}hello {{name}}{{/a}}!"), { name: "x" })).toBe("hello x!");
  });
});

describe("the shared files, edited in place", () => {
  const config = readFileSync(join(REPO, "redocly.yaml"), "utf8");
  const docs = readFileSync(join(REPO, "docs", "package.json"), "utf8");

  it("adds and removes an API in redocly.yaml, leaving the rest byte for byte", () => {
    const added = addApi(config, "acme", "specs/acme/openapi.yaml");
    expect(added).toContain("  acme:\n    root: specs/acme/openapi.yaml\n");
    expect(removeApi(added, "acme")).toBe(config);
  });

  it("adds and removes the docs' dependency on a types package, in order", () => {
    const added = addDevDependency(docs, "@leadkit/aaa-types");
    const keys = Object.keys(JSON.parse(added).devDependencies);
    expect(keys).toEqual([...keys].sort());
    expect(removeDevDependency(added, "@leadkit/aaa-types")).toBe(docs);
  });

  it("merges an API's entries into the ignore file and removes exactly them again", () => {
    const header =
      "# This file instructs Redocly's linter to ignore the rules contained for specific parts of your API.\n";
    const existing = `${header}# See https://redocly.com/docs/cli/ for more information.\nspecs/old/openapi.yaml:\n  security-defined:\n    - '#/paths/~1a/get'\n`;
    const generated = `${header}specs/new/openapi.yaml:\n  struct-free:\n    - '#/info'\nspecs/new/paths/a.json:\n  security-defined:\n    - '#/get'\n`;
    const merged = mergeIgnoreFile(existing, generated) as string;
    expect(merged).toContain("specs/old/openapi.yaml:");
    expect(merged).toContain("specs/new/paths/a.json:\n  security-defined:\n    - '#/get'\n");
    expect(removeIgnoreEntries(merged, "specs/new/")).toBe(existing);
    const fresh = mergeIgnoreFile(undefined, generated) as string;
    expect(fresh).toMatch(/^# This file instructs/);
    expect(removeIgnoreEntries(fresh, "specs/new/")).toBeUndefined();
  });
});
