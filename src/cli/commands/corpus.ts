import { availableParallelism } from 'node:os';
import { Command } from '@commander-js/extra-typings';
import { judge, type Judgement } from '../../corpus/judge.js';
import { loadCorpus, type LoadedEntry } from '../../corpus/load.js';
import type { Cli } from '../context.js';
import { EXIT } from '../errors.js';
import { parseJobs } from '../options.js';
import { runTasks } from '../sweep-pool.js';
import type { SeedTask } from '../sweep-worker.js';

export const DEFAULT_CORPUS = 'corpus';

/** One run of an entry: as found (the seed's own plan) or its shrunk script. */
export interface CorpusRun {
  readonly entry: LoadedEntry;
  readonly form: 'found' | 'shrunk';
  readonly task: SeedTask;
}

/** Every run a corpus replay makes: each entry as found, then its shrunk form when it has one. */
export function corpusRuns(entries: readonly LoadedEntry[]): CorpusRun[] {
  return entries.flatMap((loaded) => {
    const { entry } = loaded;
    const common = { seed: entry.seed, mutations: entry.mutations, ...(entry.ordering !== undefined ? { ordering: entry.ordering } : {}) };
    // The entry's expectation judges the run, so the scenario's own must not fail it twice over.
    const { expect: _found, ...found } = entry.scenario;
    const runs: CorpusRun[] = [{ entry: loaded, form: 'found', task: { scenario: found, source: entry.source, ...common } }];
    if (entry.shrunk !== undefined) runs.push({ entry: loaded, form: 'shrunk', task: { scenario: entry.shrunk, source: `${loaded.file} (shrunk)`, ...common } });
    return runs;
  });
}

export interface CorpusFlags {
  readonly jobs?: string;
}

/** `corpus`: replay every saved failure and check it still does what its entry expects. */
export async function corpusAction(cli: Cli, dir: string | undefined, flags: CorpusFlags): Promise<void> {
  const { io } = cli;
  const jobs = parseJobs(flags.jobs, availableParallelism(), (warning) => io.err(warning));
  const where = dir ?? DEFAULT_CORPUS;
  const entries = loadCorpus(where);
  if (entries.length === 0) {
    io.out(`corpus ${where}: no entries (\`recovery-sim sweep … --save-failures ${where}\` adds the failing seeds it finds)`);
    cli.exitCode = EXIT.pass;
    return;
  }
  const runs = corpusRuns(entries);
  let failed = 0;
  await runTasks({
    count: runs.length,
    jobs,
    taskAt: (k) => (runs[k] as CorpusRun).task,
    onResult: (result, k) => {
      const run = runs[k] as CorpusRun;
      const verdict: Judgement = judge(run.entry.entry, result);
      if (!verdict.ok) failed++;
      const mark = verdict.ok ? io.chalk.green('ok  ') : io.chalk.red.bold('FAIL');
      io.out(`${mark} ${run.entry.entry.id}${run.form === 'shrunk' ? ' (shrunk)' : ''}: ${verdict.what}${verdict.ok ? '' : `\n     replay: ${run.form === 'shrunk' ? `the "shrunk" scenario of ${run.entry.file}, seed ${run.entry.entry.seed} (save it as a file, then: npx recovery-sim run <that file> --seed ${run.entry.entry.seed})` : run.entry.entry.replay}`}`);
    },
  });
  io.out(`corpus ${where}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${runs.length} runs, ${failed === 0 ? 'all as expected' : io.chalk.red(`${failed} not as expected`)}`);
  cli.exitCode = failed === 0 ? EXIT.pass : EXIT.violation;
}

export function corpusCommand(cli: Cli) {
  return new Command('corpus')
    .description('replay the regression corpus: every failing seed sweeps saved, each checked against what it must do now')
    .argument('[dir]', `the corpus directory (default: ${DEFAULT_CORPUS})`)
    .option('--jobs <n>', 'worker threads (default and most: the available parallelism)')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText(
      'after',
      '\nAn entry with no mutation recorded a protocol bug: it must pass now that the bug is fixed. An entry with a mutation must still be caught by the invariant that caught it. Exit 0 all as expected, 1 some entry not, 2 a bad entry.\nExamples:\n  recovery-sim sweep random-faults --seeds 1..2000 --save-failures corpus/\n  recovery-sim corpus',
    )
    .action((dir, flags) => corpusAction(cli, dir, flags));
}
