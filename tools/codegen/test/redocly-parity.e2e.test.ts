// In-process Redocly agrees with the pinned CLI (see redocly-parity.test.ts) on GitHub's full REST
// description: 13 MB, 1,000+ operations. Linting and bundling it twice, once through the CLI,
// costs about 15 s of CPU, so it runs in the slow tier (`pnpm test:e2e`, which CI runs) rather than
// in `pnpm test`, where it sat on the critical path.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { githubConfig } from "../bench/github-config.js";
import { compare, removeTemps, temps } from "./parity.js";

const require = createRequire(import.meta.url);

afterAll(removeTemps);

describe("in-process Redocly agrees with the pinned CLI", () => {
  it("GitHub's full REST description (13 MB): the same verdict and the same bundle", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leadkit-parity-github-"));
    temps.push(dir);
    mkdirSync(join(dir, "specs"));
    writeFileSync(
      join(dir, "specs", "openapi.json"),
      readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json")),
    );
    writeFileSync(
      join(dir, "redocly.yaml"),
      // With recommended-strict both report the same 3,910 problems, but finding the line of
      // each in 13 MB takes each side a minute on this machine: the bench's rules instead.
      githubConfig("specs/openapi.json"),
    );
    expect(await compare(join(dir, "redocly.yaml"), "github")).toEqual([]);
  }, 300_000);
});
