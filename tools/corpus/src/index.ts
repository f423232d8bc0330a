// Helpers of the corpus and media tests (private; imported by this package's tests).
export { addAndBuild, type BuiltApi } from "./mini-workspace.js";
