// The error every reader throws on a file it cannot understand; the message (in French) ends up in check logs.

/** A file that cannot be read: malformed, truncated or of an unsupported variant. */
export class FormatError extends Error {
  /** Builds the error; `message` explains the problem to the reader of the logs. */
  constructor(message: string) {
    super(message);
    this.name = "FormatError";
  }
}

/** The message of anything thrown while reading a file. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
