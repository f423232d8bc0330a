/** A problem the user can fix (bad option, bad manifest): printed as its message and fix, no stack trace. */
export class SourcesError extends Error {
  override readonly name = "SourcesError";
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }

  format(): string {
    return this.fix === undefined ? this.message : `${this.message}\n${this.fix}`;
  }
}
