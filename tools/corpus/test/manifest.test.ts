// The corpus is what the manifest says: every document present byte for byte (sha256), its
// licence beside it, and the variety the corpus exists for.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, loadManifest } from "../src/index.js";

const documents = loadManifest();
const path = (relative: string) => fileURLToPath(new URL(relative, CORPUS_DIR));

describe("corpus manifest", () => {
  it.each(documents.map((document) => [document.name, document] as const))(
    "%s: the file its package ships, with its licence",
    (_name, document) => {
      const sha256 = createHash("sha256")
        .update(readFileSync(path(document.spec)))
        .digest("hex");
      expect(sha256).toBe(document.sha256);
      expect(document.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(document.licence).toMatch(/MIT|Apache-2\.0/);
      if (!document.devDependency) expect(document.licenceFiles.length).toBeGreaterThan(0);
      for (const licence of document.licenceFiles) expect(existsSync(path(licence)), licence).toBe(true);
    },
  );

  it("has what it is for: 20+ documents to add, 3.0 and 3.1, multi-file, and invalid ones to refuse", () => {
    const added = documents.filter((document) => document.expect === "added");
    expect(added.length).toBeGreaterThanOrEqual(20);
    const versions = added.map(
      (document) =>
        JSON.parse(
          readFileSync(path(document.spec), "utf8").startsWith("{")
            ? readFileSync(path(document.spec), "utf8")
            : "{}",
        ).openapi ?? "yaml",
    );
    expect(versions.some((version: string) => version.startsWith("3.0"))).toBe(true);
    expect(versions.some((version: string) => version.startsWith("3.1"))).toBe(true);
    expect(added.some((document) => document.files > 1)).toBe(true);
    const refused = documents.filter((document) => document.expect === "refused");
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const document of refused) expect(document.refusal, document.name).toBeTruthy();
    expect(new Set(documents.map((document) => document.name)).size).toBe(documents.length);
  });
});
