export { type CheckOptions, checkProjects, type ProjectResult } from "./check.js";
export { main } from "./cli.js";
export { TypecheckError } from "./errors.js";
export {
  findWorkspaceRoot,
  missingDependencies,
  type Project,
  projectAt,
  workspaceProjects,
} from "./workspace.js";
