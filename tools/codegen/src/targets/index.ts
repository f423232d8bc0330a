import { clientTarget } from "./client.js";
import { mcpTarget } from "./mcp.js";
import { mockTarget } from "./mock.js";
import type { Target } from "./target.js";
import { typesTarget } from "./types.js";
import { validateTarget } from "./validate.js";

export { collectionProperty, mockPackageDir, mockPackageName, resourceOf } from "./mock.js";
export type { GeneratedFile, Target, TargetContext } from "./target.js";

/**
 * Every target, in the order they run for an API. The client runs before the validators: both
 * name things after the client methods, and the client's check of those names says more (the
 * spec line of each operationId).
 */
export const targets: readonly Target[] = [typesTarget, clientTarget, validateTarget, mockTarget, mcpTarget];
