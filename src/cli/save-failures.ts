import { statSync } from 'node:fs';
import type { FailureKeeper } from '../corpus/save.js';
import { formatScenarioJson } from '../scenario/format.js';
import { displayPath } from '../scenario/load.js';
import type { Cli } from './context.js';
import { UsageError } from './errors.js';
import { OutputFile } from './output-file.js';

/** `--save-failures <dir>`: checked before the sweep, so a file in the way fails at once. */
export function saveFailuresDir(path: string): string {
  if (path.trim() === '') throw new UsageError('--save-failures needs a directory, got an empty path. Example: --save-failures corpus/.');
  let isFile = false;
  try {
    isFile = !statSync(path).isDirectory();
  } catch {
    // missing: made on the first entry written
  }
  if (isFile) throw new UsageError(`--save-failures ${path}: that is a file; the corpus is a directory of .json entries. Example: --save-failures corpus/.`);
  return path;
}

/**
 * Write the failures a keeper chose, each shrunk first when it can be (a few seconds each), and
 * say on stderr what was written: stdout may be holding JSON lines.
 */
export function saveFailures(cli: Cli, keeper: FailureKeeper): void {
  const { io } = cli;
  for (const run of keeper.chosen) {
    const { entry, file, shrunkFrom, shrunkTo } = keeper.entryFor(run);
    const out = OutputFile.open({ flag: '--save-failures', path: file, what: 'a corpus entry', example: 'corpus/', inputs: [], makeDirectories: true });
    try {
      out.write(formatScenarioJson(entry));
    } finally {
      out.discard();
    }
    const shrunk = shrunkFrom !== undefined ? `, shrunk from ${shrunkFrom} to ${shrunkTo ?? 0} fault actions` : '';
    io.err(`corpus: wrote ${displayPath(file)} (${entry.expect.verdict === 'pass' ? 'must pass once fixed' : `must stay caught by ${entry.expect.invariant ?? 'an invariant'}`}${shrunk})`);
  }
  if (keeper.skipped > 0) io.err(`corpus: ${keeper.skipped} more failing seed${keeper.skipped === 1 ? '' : 's'} not saved: the corpus holds ${keeper.skipped === 1 ? 'its' : 'their'} mutation and scenario already, or the sweep reached its limit of entries`);
  if (keeper.chosen.length === 0 && keeper.skipped === 0) io.err('corpus: no failing seed, nothing saved');
}
