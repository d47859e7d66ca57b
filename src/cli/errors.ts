/**
 * Exit codes, the promise scripts and CI rely on: 0 every run passed (or met its expectation),
 * 1 an invariant was violated (or an expectation was not met), 2 bad input (a flag or a file),
 * 3 an internal error (a bug in recovery-sim itself).
 */
export const EXIT = { pass: 0, violation: 1, badInput: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad input on the command line: the message names the flag and what is allowed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
