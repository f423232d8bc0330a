export { lintPublishedPackage, type PackageLintResult } from "./package-lint.js";
export { describeTypesPackage, TYPES_PACKAGE_RUNTIME_EXPORTS } from "./types-package.js";
