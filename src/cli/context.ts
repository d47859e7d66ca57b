import type { Io } from './io.js';

/** What every command's action reads and sets: the output and the exit code it ends with. */
export interface Cli {
  readonly io: Io;
  exitCode: number;
}

export const DEFAULT_SCENARIO = 'log-crash';
