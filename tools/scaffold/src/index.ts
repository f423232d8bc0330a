// Programmatic API of the scaffold (the CLI is src/cli.ts).
export {
  addApi,
  addDevDependency,
  dependentManifests,
  IGNORE_FILE,
  mergeIgnoreFile,
  removeDevDependency,
  removeIgnoreEntries,
  TYPECHECK_MANIFEST,
  typecheckPackages,
} from "./config-files.js";
export {
  ACCEPT_FLAG,
  type Installer,
  type NewApiOptions,
  type NewApiResult,
  newApi,
  pnpmInstall,
} from "./new-api.js";
export { type RemoveApiOptions, type RemoveApiResult, removeApi } from "./remove-api.js";
export { collectSpecFiles, type SpecFile, StructuralError } from "./spec-files.js";
export { type MatchResult, matchTemplate, type Part, parseTemplate, renderTemplate } from "./template.js";
export {
  loadTemplate,
  NOT_SCAFFOLDED,
  nameValues,
  PACKAGE_JSON_EXTENSIBLE,
  PACKAGE_JSON_PROSE,
  PACKAGE_TEMPLATES,
  SPEC_TEMPLATE,
  specValues,
  TEMPLATES_DIR,
  type TemplateFile,
} from "./templates.js";
