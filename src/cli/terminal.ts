import { MIN_WIDTH } from '../report/fit.js';

/** Columns when neither a terminal nor COLUMNS says: wide enough for most lines, narrow enough to read. */
const DEFAULT_WIDTH = 100;

interface Screen {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * How wide the CLI's text may be: the terminal's width when standard output is one, else the
 * COLUMNS environment variable (set it to fit a pipe or a file: `COLUMNS=80 recovery-sim demo`),
 * else 100. Never below MIN_WIDTH, where the timeline's columns would leave no room for text.
 */
export function outputWidth(screen: Screen = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = /^\s*\d+\s*$/.test(env['COLUMNS'] ?? '') ? Number(env['COLUMNS']) : undefined;
  const asked = screen.isTTY === true && screen.columns !== undefined && screen.columns > 0 ? screen.columns : fromEnv !== undefined && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, asked);
}
