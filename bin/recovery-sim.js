#!/usr/bin/env node
// The CLI is written in TypeScript and compiled to dist/ by `npm ci` (the `prepare` script).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli');
const main = join(dist, 'main.js');
if (!existsSync(main)) {
  process.stderr.write('recovery-sim is not built yet: run `npm ci` (or `npm run build`) in the repository first.\n');
  process.exit(2);
}
const argv = process.argv.slice(2);
const { engineFlagsFor } = await import(pathToFileURL(join(dist, 'engine-flags.js')).href);
const engine = engineFlagsFor(argv, availableParallelism(), process.env);
if ('error' in engine) {
  process.stderr.write(`recovery-sim: ${engine.error}\n`);
  process.exit(2);
}
if (engine.flags.some((flag) => !process.execArgv.includes(flag))) {
  // V8's flags are read at a process's start: start again with them, and be that process.
  const child = spawn(process.execPath, [...process.execArgv, ...engine.flags, fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit' });
  // A signal meant for this process is the child's to act on (Ctrl-C reaches both already).
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of SIGNALS) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    if (signal === null) {
      process.exitCode = code ?? 1;
      return;
    }
    // End the way the child ended; as PID 1 (a container) a signal is ignored, so exit as a shell would say it.
    for (const s of SIGNALS) process.off(s, forward);
    process.kill(process.pid, signal);
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 100);
  });
} else {
  const { main: run } = await import(pathToFileURL(main).href);
  process.exitCode = await run(argv);
}
