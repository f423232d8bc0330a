// The like-for-like contender of the codegen bench, as a fresh process: what
// `leadkit-codegen generate` does for the types target alone (lint + bundle from one read of the
// spec -> openapi-typescript's transform + aliases + the spec's JSON and YAML copies -> write),
// without the validators, which openapi-typescript does not make. Runs the built codegen (dist/),
// as the CLI does. Usage: node bench/types-pipeline.mjs <redocly.yaml>
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { checkApi, loadWorkspace, targets } from "../dist/index.js";

const workspace = loadWorkspace(process.argv[2]);
const types = targets.find((target) => target.name === "types");
for (const api of workspace.apis) {
  const checked = await checkApi(workspace, api, { bundle: true });
  if (checked.problems.length > 0 || checked.document === undefined)
    throw new Error(`${api.name}: lint failed`);
  const files = await types.render({ workspace, api, document: checked.document, specVersion: "bench" });
  for (const file of files) {
    await mkdir(dirname(file.file), { recursive: true });
    await writeFile(file.file, file.contents);
  }
}
