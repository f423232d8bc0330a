// The compiled validators against Ajv 2020 + ajv-formats (the oracle, compiled at run time from
// the same JSON Schemas): thousands of seeded samples per schema, built to be valid and then
// mutated at one spot, must get the same verdict from both. Also checks the two paths of every
// compiled validator agree (the fast boolean check and the full issue report).
import { describe, expect, it } from "vitest";
import { validatorSchemas } from "../src/validators/schemas.js";
import { random, Sampler } from "./support/samples.js";
import {
  bundledSpec,
  type Document,
  githubSlice,
  keywordFixture,
  loadModule,
  oracle,
} from "./support/validators.js";

/** Samples per schema: built to be valid, and mutated from those. */
const VALID = 1_000;
const MUTATED = 2_000;

const SOURCES: Array<[name: string, load: () => Document | Promise<Document>]> = [
  ["dealer-studio", () => bundledSpec("dealer-studio")],
  ["drivly", () => bundledSpec("drivly")],
  ["github-slice", githubSlice],
  ["keywords-3.1", () => keywordFixture("keywords-3.1.yaml")],
  ["keywords-3.0", () => keywordFixture("keywords-3.0.yaml")],
];

describe.each(SOURCES)("validators of %s", (name, load) => {
  it(`agree with Ajv on ${VALID.toLocaleString("en")} valid and ${MUTATED.toLocaleString("en")} mutated samples per schema`, async () => {
    const document = await load();
    const schemas = validatorSchemas(document);
    const { module } = await loadModule(name, document);
    const compile = oracle(schemas);
    const defs = Object.fromEntries(schemas.defs);
    expect(schemas.validators.length).toBeGreaterThan(0);
    for (const [index, validator] of schemas.validators.entries()) {
      const ajv = compile(validator);
      const ours = module[validator.name];
      if (ours === undefined) throw new Error(`the module does not export ${validator.name}`);
      const sampler = new Sampler(defs, random(index + 1));
      const verdicts = { valid: 0, invalid: 0, validBuilt: 0 };
      const judge = (sample: unknown, built: boolean) => {
        const expected = ajv(sample);
        const fast = ours.is(sample);
        const result = ours["~standard"].validate(sample);
        if (fast !== expected || (result.issues === undefined) !== expected) {
          throw new Error(
            `${validator.name}: Ajv says ${expected ? "valid" : "invalid"}, leadkit ${fast ? "valid" : "invalid"} (full path: ${JSON.stringify(result.issues ?? "valid")}) for ${JSON.stringify(sample)}\nAjv: ${JSON.stringify(ajv.errors)}`,
          );
        }
        // Plain checks, not expect(): they run hundreds of thousands of times.
        if (result.issues !== undefined) {
          if (result.issues.length === 0 || result.issues.some((issue) => !/^\S+ \S+/.test(issue.message)))
            throw new Error(
              `${validator.name}: bad issues ${JSON.stringify(result.issues)} for ${JSON.stringify(sample)}`,
            );
        } else if (result.value !== sample)
          throw new Error(`${validator.name}: the value is not passed through`);
        verdicts[expected ? "valid" : "invalid"]++;
        if (built && expected) verdicts.validBuilt++;
      };
      const built: unknown[] = [];
      for (let i = 0; i < VALID; i++) {
        const sample = sampler.valid(validator.schema);
        built.push(sample);
        judge(sample, true);
      }
      for (let i = 0; i < MUTATED; i++) {
        const sample = sampler.mutate(built[i % built.length] as never);
        judge(sample, false);
      }
      // Both verdicts must be common, or the comparison would say little: most samples built to be
      // valid are, and mutations break even schemas that accept almost anything often enough.
      expect(
        verdicts.validBuilt,
        `${validator.name}: samples built to be valid that Ajv accepts`,
      ).toBeGreaterThan(VALID * 0.3);
      expect(verdicts.invalid, `${validator.name}: invalid samples`).toBeGreaterThan(MUTATED * 0.15);
    }
  }, 60_000);
});
