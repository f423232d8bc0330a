// Programmatic API of the release tooling (the CLI is `leadkit-release`).
export { type ReleasePlan, readReleasePlan, renderChangeset, specChangesetId } from "./changesets.js";
export { ReleaseError } from "./errors.js";
export { formatReport } from "./format.js";
export { bumpBetween, bumped, IMPACTS, type Impact, maxImpact } from "./impact.js";
export {
  PROVENANCE_ENV,
  provenanceDisabled,
  provenanceProvider,
  release,
  releaseProblems,
} from "./publish.js";
export { describeRules, LEADKIT_RULES, rateChange, rateChanges, type SpecChange } from "./rules.js";
export {
  type ApiDiff,
  changesetSummary,
  type PackageStatus,
  type Problem,
  type SpecDiffOptions,
  type SpecDiffReport,
  specDiff,
} from "./spec-diff.js";
export { fixedGroups, PUBLISH_CONFIG, sync } from "./sync.js";
export { annotateChangelog, recordSpecVersions, specLine, versionPackages } from "./version.js";
