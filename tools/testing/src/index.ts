export { lintPublishedPackage, type PackageLintResult } from "./package-lint.js";
export { describeTypesPackage, externalRefs, TYPES_PACKAGE_RUNTIME_EXPORTS } from "./types-package.js";
export {
  type CommandOptions,
  type CommandResult,
  type CopyOptions,
  cleanEnv,
  copyWorkspace,
  git,
  REPO_ROOT,
  runCommand,
  type WorkspaceCopy,
} from "./workspace-copy.js";
