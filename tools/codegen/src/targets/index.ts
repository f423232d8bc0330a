import { clientTarget } from "./client.js";
import { mcpTarget } from "./mcp.js";
import type { Target } from "./target.js";
import { typesTarget } from "./types.js";
import { validateTarget } from "./validate.js";

export type { GeneratedFile, Target, TargetContext } from "./target.js";

/** Every target, in the order they run for an API. */
export const targets: readonly Target[] = [typesTarget, validateTarget, clientTarget, mcpTarget];
