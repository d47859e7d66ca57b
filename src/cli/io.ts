import chalk, { Chalk, type ChalkInstance } from 'chalk';
import { EXIT } from './errors.js';
import { fitLine } from '../report/fit.js';
import { errnoCode, reasonFor } from './io-failure.js';
import { outputWidth } from './terminal.js';

/** Where a command writes, and how it colours. Commands never touch process.stdout directly. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly chalk: ChalkInstance;
  /** Whether stderr is a terminal (progress lines are rewritten in place there). */
  readonly stderrIsTTY: boolean;
}

/**
 * Colour unless NO_COLOR is set (any value, per no-color.org) or `--no-color` is given. chalk
 * alone does not honour NO_COLOR when stdout is a terminal, so the level is forced to 0.
 */
export function colourWanted(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return env['NO_COLOR'] === undefined && !argv.includes('--no-color');
}

let pipeGuarded = false;

/**
 * `recovery-sim run | head` closes stdout early: stop quietly instead of dying with a stack
 * trace. `recovery-sim run > /dev/full` (or a full disk) is bad input, said once on stderr.
 */
function guardClosedPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      const code = errnoCode(e);
      if (code === undefined) throw e;
      if (stream === process.stdout) {
        process.stderr.write(`recovery-sim: cannot write to standard output (${reasonFor(code, e)}). Redirect it to a file on a device with free space that you can write to.\n`);
      }
      process.exit(EXIT.badInput);
    });
  }
}

/**
 * Lines never broken, however long: one JSON value per line is data for programs, and a line with
 * a command in it (a replay) must stay one line to be copied and run.
 */
const isWhole = (line: string): boolean => /^\s*[[{].*[\]}]\s*$/.test(line) || line.includes('npx recovery-sim ');

/**
 * Text for people, each line made to fit `width` columns: the commands lay out their own lines
 * (the timeline with its hanging indent), and any line still too wide is broken between words
 * here, its continuation under its value or its first word. JSON lines are left whole.
 */
export function fitText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => (isWhole(line) ? line : fitLine(line, width)))
    .join('\n');
}

export function processIo(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Io {
  guardClosedPipes();
  const colour = colourWanted(argv, env);
  if (!colour) chalk.level = 0;
  const instance = new Chalk({ level: colour ? chalk.level : 0 });
  const width = outputWidth(process.stdout, env);
  return {
    out: (text) => {
      const fitted = fitText(text, width);
      process.stdout.write(fitted.endsWith('\n') ? fitted : `${fitted}\n`);
    },
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    chalk: instance,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Write a raw string (no newline added): progress lines rewritten in place. */
export function writeRawErr(text: string): void {
  process.stderr.write(text);
}
