import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'recovery-sim.js');
export const FIXTURES = join(ROOT, 'test', 'cli', 'fixtures');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a command without a shell and collect what it prints. */
export function spawnCollect(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Run the built binary as a user would (`npm test` builds first), with NO_COLOR unless told
 * otherwise, and wide enough (COLUMNS) that no line wraps: tests of what is said read whole lines;
 * tests of how it fits a terminal set COLUMNS themselves.
 */
export function cli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return spawnCollect(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, COLUMNS: '1000', ...options.env },
  });
}

/** Anything that looks like an ANSI escape sequence. */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/**
 * The CLI's `main` in this process, its output collected: what a spawned `cli` run prints, without
 * a process start per command (most of a short command's cost). For commands whose output does not
 * depend on being a separate process (no terminal width, no signals, no process exit).
 */
export async function cliHere(args: readonly string[]): Promise<CliRun> {
  // The built CLI, as `cli` runs it: its worker threads load the compiled worker beside it.
  const { main } = (await import(pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'main.js')).href)) as typeof import('../../src/cli/main.js');
  const { Chalk } = await import('chalk');
  let stdout = '';
  let stderr = '';
  const line = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);
  const code = await main([...args], {
    out: (text) => void (stdout += line(text)),
    err: (text) => void (stderr += line(text)),
    chalk: new Chalk({ level: 0 }),
    stderrIsTTY: false,
  });
  return { code, stdout, stderr };
}
