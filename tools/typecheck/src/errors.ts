/** A problem the user can fix: `message` says what is wrong, `hint` how to fix it. */
export class TypecheckError extends Error {
  override readonly name: string = "TypecheckError";
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
