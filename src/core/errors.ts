import { type Location, formatLocation } from './location.js';

/**
 * The one error type for bad input or bad usage. The CLI prints it without a stack trace
 * and exits with code 2; anything else that escapes is a bug in prodgate.
 */
export class UserError extends Error {
  readonly location?: Location;
  readonly hint?: string;

  constructor(message: string, options: { location?: Location; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.location = options.location;
    this.hint = options.hint;
  }

  /** `file:line: message` plus the hint on its own line. */
  render(): string {
    const where = this.location ? `${formatLocation(this.location)}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
