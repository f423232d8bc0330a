// A target renders one API's generated files for one package. The generate command runs
// every target whose package exists, so adding a kind of generated output is one more target.
import type { OpenApiDocument } from "../openapi.js";
import type { ApiEntry, Workspace } from "../workspace.js";

export interface TargetContext {
  readonly workspace: Workspace;
  readonly api: ApiEntry;
  /** The bundled spec. */
  readonly document: OpenApiDocument;
  readonly specVersion: string;
}

export interface GeneratedFile {
  /** Absolute path. */
  readonly file: string;
  readonly contents: string;
}

export interface Target {
  readonly name: string;
  /** The package the files belong to; the target is skipped when it has no package.json. */
  packageDir(api: ApiEntry): string;
  /** Folders the target owns entirely: files in them that it no longer renders are deleted. */
  ownedDirs(api: ApiEntry): string[];
  render(context: TargetContext): Promise<GeneratedFile[]>;
}
