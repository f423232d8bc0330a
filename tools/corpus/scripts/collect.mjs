#!/usr/bin/env node
// Rebuilds specs/ and manifest.json from sources.json: `npm pack`s each package at its pinned
// version from the registry, copies each listed document with every file it reaches through
// relative $refs (found the way new-api finds them) and the package's licence files into
// specs/<package>/, and records package, version, file, licence and a sha256 per document.
// Run it only to change the corpus: `node tools/corpus/scripts/collect.mjs` (needs the
// registry and a built @leadkit/scaffold).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { collectSpecFiles } from "@leadkit/scaffold";

const here = fileURLToPath(new URL("..", import.meta.url));
const sources = JSON.parse(readFileSync(join(here, "sources.json"), "utf8"));
const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");
const folder = (pkg) => pkg.replace(/^@/, "").replace("/", "__");

rmSync(join(here, "specs"), { recursive: true, force: true });
// Packages ship documents in folders such as dist/, which the root .gitignore leaves out.
mkdirSync(join(here, "specs"), { recursive: true });
writeFileSync(
  join(here, "specs", ".gitignore"),
  "# The corpus keeps documents where their packages ship them, dist/ included.\n!dist/\n",
);
// The documents stay byte for byte as their packages ship them: Biome neither formats nor lints them.
mkdirSync(join(here, "specs"), { recursive: true });
writeFileSync(
  join(here, "specs", "biome.json"),
  `${JSON.stringify(
    {
      $schema: "../../../node_modules/@biomejs/biome/configuration_schema.json",
      root: false,
      extends: "//",
      formatter: { enabled: false },
      linter: { enabled: false },
      assist: { enabled: false },
    },
    null,
    2,
  )}\n`,
);
const documents = [];
const scratch = mkdtempSync(join(tmpdir(), "leadkit-corpus-"));
try {
  for (const source of sources.packages) {
    const tarball = execFileSync(
      "npm",
      ["pack", `${source.package}@${source.version}`, "--pack-destination", scratch, "--silent"],
      { encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .at(-1);
    const unpacked = join(scratch, folder(source.package));
    mkdirSync(unpacked, { recursive: true });
    execFileSync("tar", ["xzf", join(scratch, tarball), "-C", unpacked]);
    const packageRoot = join(unpacked, "package");
    const target = join(here, "specs", folder(source.package));
    for (const licence of source.licenceFiles) {
      mkdirSync(target, { recursive: true });
      cpSync(join(packageRoot, licence), join(target, licence));
    }
    for (const document of source.documents) {
      // A document new-api must refuse is kept as it is, alone.
      const files =
        document.expect === "refused"
          ? [{ source: join(packageRoot, document.file) }]
          : collectSpecFiles(join(packageRoot, document.file)).files;
      for (const file of files) {
        const destination = join(target, relative(packageRoot, file.source));
        mkdirSync(dirname(destination), { recursive: true });
        cpSync(file.source, destination);
      }
      const spec = join(target, document.file);
      documents.push({
        name: document.name,
        package: source.package,
        version: source.version,
        file: document.file,
        licence: source.licence,
        licenceFiles: source.licenceFiles.map((licence) => relative(here, join(target, licence))),
        spec: relative(here, spec),
        files: files.length,
        sha256: sha256(spec),
        covers: document.covers,
        expect: document.expect ?? "added",
        ...(document.why ? { why: document.why } : {}),
        ...(document.refusal ? { refusal: document.refusal } : {}),
      });
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const dependency of sources.devDependencies) {
  const root = join(here, "..", "..", dependency.from);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  documents.push({
    name: dependency.name,
    package: dependency.package,
    version: manifest.version,
    file: dependency.file,
    licence: dependency.licence,
    licenceFiles: [],
    spec: relative(here, join(root, dependency.file)).replaceAll("\\", "/"),
    files: 1,
    sha256: sha256(join(root, dependency.file)),
    covers: dependency.covers,
    expect: "added",
    devDependency: true,
  });
}
writeFileSync(
  join(here, "manifest.json"),
  `${JSON.stringify({ $comment: "Written by scripts/collect.mjs from sources.json; do not edit.", documents }, null, 2)}\n`,
);
console.log(`${documents.length} documents in manifest.json`);
