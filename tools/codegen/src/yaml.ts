// The YAML copy of a bundled spec (`spec/openapi.yaml` of a types package). `yaml`'s stringify
// of a large spec takes about as long as openapi-typescript's transform of it (1.4 s each for
// GitHub's 13 MB description), so a large document is stringified on a worker thread while the
// types are generated on the main one; a small one (every hand-written spec) right here, where a
// thread would cost more than it saves. The text is the same either way (test/yaml.test.ts).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { stringify } from "yaml";
import type { OpenApiDocument } from "./openapi.js";

/** How the spec copies are written: no line folding, no anchors for repeated objects. */
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** Characters of JSON above which a worker thread pays off (GitHub's description: 13 million). */
export const WORKER_THRESHOLD = 1_000_000;

const require = createRequire(import.meta.url);

// CommonJS, evaluated by the worker: the document arrives as JSON text (cheaper to hand over
// than the object graph) and `yaml` is loaded from the path this package resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { stringify } = require(workerData.yaml);
parentPort.postMessage(stringify(JSON.parse(workerData.json), workerData.options));
`;

/** The document as YAML text; large ones on a worker thread, so callers can do other work meanwhile. */
export function specYaml(document: OpenApiDocument, threshold: number = WORKER_THRESHOLD): Promise<string> {
  const json = JSON.stringify(document);
  if (json.length < threshold) return Promise.resolve(stringify(document, YAML_OPTIONS));
  const text = new Promise<string>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { json, yaml: require.resolve("yaml"), options: YAML_OPTIONS },
    });
    worker.once("message", (text: string) => resolve(text));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the YAML worker thread exited with code ${code}`));
    });
  });
  // Handled here too: when the caller fails before awaiting it, a failing worker must not end
  // the process with an unhandled rejection.
  text.catch(() => undefined);
  return text;
}
