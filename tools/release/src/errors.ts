/** An expected failure: printed as its message and fix, without a stack trace. */
export class ReleaseError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = "ReleaseError";
  }

  format(): string {
    return this.fix === undefined ? this.message : `${this.message}\n${this.fix}`;
  }
}
