import { availableParallelism } from 'node:os';
import { Command } from '@commander-js/extra-typings';
import { SweepTally, sweepSummaryLines } from '../../report/sweep-summary.js';
import { bundledScenarioNames } from '../../scenario/load.js';
import { DEFAULT_SCENARIO, type Cli } from '../context.js';
import { EXIT } from '../errors.js';
import { parseJobs, parseMutations, parseOrdering, parseSeedRange, parseShard, shardSeeds } from '../options.js';
import { Progress } from '../progress.js';
import { loadInputScenario } from '../scenario-input.js';
import { runPassed } from '../single-run.js';
import { sweepSeeds } from '../sweep-pool.js';

export interface SweepFlags {
  readonly seeds?: string;
  readonly jobs?: string;
  readonly shard?: string;
  readonly mutate?: string[];
  readonly mutations: boolean;
  readonly ordering?: string;
  readonly json?: true;
}

/** `sweep`: many seeds in worker threads, results in seed order, a summary table. */
export async function sweepAction(cli: Cli, name: string, flags: SweepFlags): Promise<void> {
  const range = parseSeedRange(flags.seeds);
  const jobs = parseJobs(flags.jobs, availableParallelism(), (warning) => cli.io.err(warning));
  const shard = parseShard(flags.shard);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const ordering = parseOrdering(flags.ordering);
  const loaded = loadInputScenario(name);
  const seeds = shardSeeds(range, shard);
  const { io } = cli;
  const label = `${loaded.scenario.name} seeds ${range.first}..${range.last}${ordering !== undefined ? ` ordering ${ordering}` : ''}${shard !== undefined ? ` shard ${shard.index}/${shard.count}` : ''}${mutations !== undefined && mutations.length > 0 ? ` mutations ${mutations.join(',')}` : ''}`;
  if (seeds.count === 0) {
    io.err(`recovery-sim sweep: shard ${flags.shard ?? ''} of ${range.first}..${range.last} holds no seeds (the range is shorter than the shard count); nothing to run.`);
    cli.exitCode = EXIT.pass;
    return;
  }

  const progress = new Progress(io, `sweep ${label}`, seeds.count);
  const tally = new SweepTally();
  const started = Date.now();
  await sweepSeeds({
    scenario: loaded.scenario,
    source: loaded.source,
    count: seeds.count,
    seedAt: seeds.seedAt,
    jobs,
    ...(mutations !== undefined ? { mutations } : {}),
    ...(ordering !== undefined ? { ordering } : {}),
    onDone: (result) => progress.tick(runPassed(result)),
    onResult: (result) => {
      tally.add(result, runPassed(result));
      if (flags.json === true) io.out(JSON.stringify(result));
    },
  });
  progress.end();
  const summary = sweepSummaryLines(tally, { label, jobs: Math.min(jobs, seeds.count), wallMs: Date.now() - started }, io.chalk).join('\n');
  // With --json, stdout holds only the JSON lines; the table goes to stderr for people.
  if (flags.json === true) io.err(summary);
  else io.out(summary);
  cli.exitCode = tally.passed === tally.runs ? EXIT.pass : EXIT.violation;
}

export function sweepCommand(cli: Cli) {
  return new Command('sweep')
    .description('run many seeds of a scenario in worker threads and summarise them')
    .argument('[scenario]', 'a bundled scenario name or a scenario file', DEFAULT_SCENARIO)
    .option('--seeds <A..B>', 'the seeds to run, both ends included (e.g. 1..100)')
    .option('--jobs <n>', 'worker threads (default and most: the available parallelism)')
    .option('--shard <I/N>', 'run only part I of N of the range (every seed at position ≡ I-1 mod N), to split a range across machines')
    .option('--mutate <id...>', 'switch on these mutations instead of the scenario\'s own')
    .option('--no-mutations', 'switch off the scenario\'s mutations')
    .option('--ordering <mode>', 'how deliveries racing within the jitter window are ordered: random (default) or pct')
    .option('--json', 'print one JSON object per seed (JSON lines, in seed order); the table goes to stderr')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText('after', '\nA run fails when it misses the scenario\'s expectation (or, without one, violates an invariant); exit 1 if any did.\nExamples:\n  recovery-sim sweep random-faults --seeds 1..200\n  recovery-sim sweep random-faults --seeds 1..1000 --shard 2/4 --json > part2.jsonl')
    .action((scenario, flags) => sweepAction(cli, scenario, flags));
}
