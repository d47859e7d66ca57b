import { count } from './quote.js';

/** The problem lines an error shows; the rest are counted in one more line. */
export const MAX_PROBLEM_LINES = 30;
/** No single line grows past this, whatever it quotes. */
const MAX_LINE_LENGTH = 2_000;

/**
 * A scenario that cannot be used: one line per problem, each naming the file and the field, at
 * most `MAX_PROBLEM_LINES` of them and then a count of the rest (`… and 1,234 more problems`):
 * the first ones are what to fix, and a file with a hundred thousand bad nodes must not bury
 * the terminal.
 */
export class ScenarioError extends Error {
  readonly problems: readonly string[];
  /** How many problems there are in all, shown or counted. */
  readonly total: number;

  constructor(
    problems: readonly string[],
    /** `missing`: no such file; `invalid`: the file exists but cannot be used as it is. */
    readonly kind: 'missing' | 'invalid' = 'invalid',
  ) {
    const shown = problems.slice(0, MAX_PROBLEM_LINES).map((line) => (line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH)}…` : line));
    const rest = problems.length - shown.length;
    const lines = rest > 0 ? [...shown, `… and ${count(rest)} more problem${rest === 1 ? '' : 's'}`] : shown;
    super(lines.join('\n'));
    this.name = 'ScenarioError';
    this.problems = lines;
    this.total = problems.length;
  }
}
