// Programmatic API of the codegen, used by the docs dev server and the release tooling.
export { bannerLines, REGENERATE_COMMAND } from "./banner.js";
export { type BuildResult, buildPackage, buildPackages } from "./build.js";
export {
  CodegenError,
  describeError,
  formatLocation,
  formatUnexpected,
  inStep,
  PipelineError,
  type PipelineFailure,
  type SpecLocation,
  SpecPointerError,
  type StepContext,
  stepFix,
  stepLabel,
  toPipelineError,
} from "./errors.js";
export {
  type ApiResult,
  type ApiStatus,
  apiPackageDirs,
  type FileChange,
  generateApi,
  mirrorDir,
  restoreApi,
  restorePackage,
  uncommittedGeneratedFiles,
} from "./generate.js";
export { candidatePointers, specLocator, stringPointer } from "./locate.js";
export {
  listOperations,
  methodName,
  type OpenApiDocument,
  type OperationInfo,
  pascalCase,
  propertyKey,
  resolveRef,
  serverUrls,
  specTitle,
  specVersion,
} from "./openapi.js";
export { renderTypes } from "./openapi-typescript.js";
export {
  bundleApi,
  bundleSpecFile,
  type CheckedSpec,
  checkApi,
  formatProblem,
  type LintProblem,
  lintApi,
  locatePointer,
  REDOCLY_CLI,
  type RedoclyRun,
  redoclyDiagnostics,
  runRedocly,
} from "./redocly.js";
export {
  collectionProperty,
  type GeneratedFile,
  mockPackageDir,
  mockPackageName,
  resourceOf,
  type Target,
  type TargetContext,
  targets,
} from "./targets/index.js";
export { type McpTool, mcpPackageDir, mcpPackageName, mcpTool } from "./targets/mcp.js";
export {
  type Direction,
  isJsonMediaType,
  type JsonSchema,
  type Part,
  type ValidatorSchema,
  type ValidatorSchemas,
  validatorSchemas,
} from "./validators/schemas.js";
export {
  type ApiEntry,
  CONFIG_FILE,
  findConfigFile,
  loadWorkspace,
  selectApis,
  type Workspace,
} from "./workspace.js";
