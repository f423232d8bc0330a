// Helpers of the corpus and media tests (private; imported by this package's tests).

export { type Definition, type Expected, type PlannedCall, planCalls, type Skipped } from "./calls.js";
export { CORPUS_DIR, type CorpusDocument, loadManifest } from "./manifest.js";
export { addAndBuild, type BuiltApi } from "./mini-workspace.js";
