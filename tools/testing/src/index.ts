export { lintPublishedPackage, type PackageLintResult } from "./package-lint.js";
