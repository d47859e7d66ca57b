import chalk, { Chalk, type ChalkInstance } from 'chalk';
import { EXIT } from './errors.js';
import { errnoCode, reasonFor } from './io-failure.js';

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

export function processIo(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Io {
  guardClosedPipes();
  const colour = colourWanted(argv, env);
  if (!colour) chalk.level = 0;
  const instance = new Chalk({ level: colour ? chalk.level : 0 });
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    chalk: instance,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** Write a raw string (no newline added): progress lines rewritten in place. */
export function writeRawErr(text: string): void {
  process.stderr.write(text);
}
