// The errors every leadkit tool prints instead of a stack trace. `CodegenError` is a problem the
// user can fix; `PipelineError` is one raised by a step of an API's pipeline (lint, bundle, a
// generation target, the reference page) and always says which API, which step, which spec file
// and, where known, which line. `inStep` turns whatever a step throws, a bug deep inside a library
// included, into a `PipelineError`, so no failure of the pipeline reaches the user as a stack.

/** An error the user can fix: `message` says what is wrong, `hint` how to fix it. */
export class CodegenError extends Error {
  override readonly name: string = "CodegenError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  format(): string {
    return this.hint === undefined ? this.message : `${this.message}\n${this.hint}`;
  }
}

/**
 * A problem at a known place in the bundled document: a generation target throws it with the
 * JSON pointer of what it cannot handle, and the pipeline turns the pointer into file:line.
 */
export class SpecPointerError extends CodegenError {
  constructor(
    message: string,
    readonly pointer: string,
    hint?: string,
  ) {
    super(message, hint);
  }
}

/** Where in the spec's files a problem is: a workspace-relative path, and the line when known. */
export interface SpecLocation {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

export function formatLocation(location: SpecLocation): string {
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}${location.col === undefined ? "" : `:${location.col}`}`;
}

/**
 * The steps of an API's pipeline, as the user reads them. A generation target is a step named
 * after the target (`types`, `client`, and whatever target comes next).
 */
const STEP_LABELS: Readonly<Record<string, string>> = {
  files: "reading the spec's files",
  lint: "lint (Redocly)",
  bundle: "bundle (Redocly)",
  types: "type generation (openapi-typescript)",
  client: "client generation",
  docs: "reference page (redocly build-docs)",
};

export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? `${step} generation`;
}

/** What to do when a step fails and nothing more specific is known. */
const STEP_FIXES: Readonly<Record<string, string>> = {
  files: "Fix the file named above so that it parses and every `$ref` in it resolves.",
  lint: "Fix the spec so that Redocly can read it, then run `pnpm lint:specs`.",
  bundle: "Fix the `$ref`s named above so that every one resolves, then run `pnpm generate`.",
  docs:
    "The spec passes lint, but Redoc cannot render it. Change the construct named above, then run " +
    "`pnpm run main`. If the spec is right, this is a leadkit bug: report it with this message.",
};

export function stepFix(step: string): string {
  return (
    STEP_FIXES[step] ??
    `The spec passes lint, but the ${stepLabel(step)} step cannot handle it. Change the construct named ` +
      "above, then run `pnpm generate`. If the spec is right, this is a leadkit bug: report it with this message."
  );
}

export interface PipelineFailure {
  readonly api: string;
  readonly step: string;
  readonly location: SpecLocation;
  /** What went wrong, one or more lines. */
  readonly reason: string;
  /** What to do about it. */
  readonly fix: string;
}

/** A failed step of one API's pipeline: `<api>: <step> failed at <file>:<line>`, the reason, the fix. */
export class PipelineError extends CodegenError {
  override readonly name = "PipelineError";
  readonly api: string;
  readonly step: string;
  readonly location: SpecLocation;
  readonly reason: string;

  constructor(failure: PipelineFailure) {
    const reason = failure.reason
      .trim()
      .split("\n")
      .map((line) => `  ${line}`)
      .join("\n");
    super(
      `${failure.api}: ${stepLabel(failure.step)} failed at ${formatLocation(failure.location)}\n${reason}`,
      failure.fix,
    );
    this.api = failure.api;
    this.step = failure.step;
    this.location = failure.location;
    this.reason = failure.reason;
  }

  /** The same failure with more said about the consequences (e.g. "Nothing was created."). */
  withFix(fix: string, location: SpecLocation = this.location): PipelineError {
    return new PipelineError({ api: this.api, step: this.step, location, reason: this.reason, fix });
  }
}

/** The first lines of an error's message: never its stack. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.trim().split("\n");
  const kept = lines.slice(0, 12);
  return `${kept.join("\n")}${lines.length > kept.length ? "\n…" : ""}`;
}

export interface StepContext {
  readonly api: string;
  readonly step: string;
  /** The API's root spec file (workspace-relative): where the failure is when nothing better is known. */
  readonly file: string;
  /** Finds the line of what an error points at (its pointer, or a JSON pointer or a name in its message). */
  readonly locate?: (message: string, error: unknown) => Promise<SpecLocation | undefined>;
  /** The tool that runs in this step, to name it when it throws. */
  readonly tool?: string;
}

/** Wraps anything a step throws into a `PipelineError` for that API and step. */
export async function toPipelineError(error: unknown, context: StepContext): Promise<PipelineError> {
  if (error instanceof PipelineError) return error;
  const text = error instanceof CodegenError ? error.message : describeError(error);
  let found: SpecLocation | undefined;
  try {
    found = await context.locate?.(text, error);
  } catch {
    found = undefined; // finding the line is a courtesy: never let it hide the error itself
  }
  const location = found ?? { file: context.file };
  if (error instanceof CodegenError) {
    return new PipelineError({
      api: context.api,
      step: context.step,
      location,
      reason: text,
      fix: error.hint ?? stepFix(context.step),
    });
  }
  const tool = context.tool ?? stepLabel(context.step);
  const kind = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
  return new PipelineError({
    api: context.api,
    step: context.step,
    location,
    reason: `${tool} failed: ${kind}${text}`,
    fix: stepFix(context.step),
  });
}

/** Runs one step of an API's pipeline; whatever it throws comes out as a `PipelineError`. */
export async function inStep<T>(context: StepContext, body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw await toPipelineError(error, context);
  }
}

/**
 * The one line a CLI prints for an error it did not expect: never a stack trace, unless
 * LEADKIT_DEBUG is set (then the stack follows, for whoever fixes the bug).
 */
export function formatUnexpected(error: unknown, tool: string): string {
  const lines = [
    `${tool} failed unexpectedly: ${describeError(error)}`,
    "This is a leadkit bug: report it with this message (LEADKIT_DEBUG=1 prints the stack).",
  ];
  if (process.env.LEADKIT_DEBUG && error instanceof Error && error.stack) lines.push(error.stack);
  return lines.join("\n");
}
