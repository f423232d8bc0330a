// Programmatic API of the sources watch (the CLI is ./cli.ts).
export {
  type CheckOptions,
  type CheckReport,
  checkSources,
  type Outcome,
  type SourceResult,
} from "./check.js";
export { SourcesError } from "./errors.js";
export { comparisonKey, EXTRACTION, extractText } from "./extract.js";
export { fetchPage, type PageResult } from "./fetch-page.js";
export { exitCode, formatMarkdown, formatText, UPDATE_COMMAND } from "./format.js";
export {
  loadSources,
  MANIFEST_FILE,
  MANUAL,
  readManifest,
  type SourceEntry,
  type SourcesManifest,
  type SourcesWorkspace,
  sha256,
} from "./manifest.js";
