import { availableParallelism } from 'node:os';
import { Command } from '@commander-js/extra-typings';
import { FailureKeeper } from '../../corpus/save.js';
import { sweepLine, type SweepIdentity } from '../../report/sweep-line.js';
import { SweepTally, sweepLabel, sweepSummaryLines } from '../../report/sweep-summary.js';
import { bundledScenarioNames } from '../../scenario/load.js';
import { DEFAULT_SCENARIO, type Cli } from '../context.js';
import { formatDuration, parseDuration } from '../duration.js';
import { engineNote } from '../engine-flags.js';
import { EXIT } from '../errors.js';
import { parseJobs, parseMutations, parseOrdering, parseSeedRange, parseShard, shardSeeds } from '../options.js';
import { Progress } from '../progress.js';
import { saveFailures, saveFailuresDir } from '../save-failures.js';
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
  readonly timings: boolean;
  readonly for?: string;
  readonly saveFailures?: string;
}

/** `sweep`: many seeds in worker threads, results in seed order, a summary table. */
export async function sweepAction(cli: Cli, name: string, flags: SweepFlags): Promise<void> {
  const budgetMs = flags.for !== undefined ? parseDuration(flags.for) : undefined;
  const range = parseSeedRange(flags.seeds, budgetMs !== undefined);
  const jobs = parseJobs(flags.jobs, availableParallelism(), (warning) => cli.io.err(warning));
  const shard = parseShard(flags.shard);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const ordering = parseOrdering(flags.ordering);
  const corpusDir = flags.saveFailures !== undefined ? saveFailuresDir(flags.saveFailures) : undefined;
  const loaded = loadInputScenario(name);
  const seeds = shardSeeds(range, shard);
  const { io } = cli;
  const identity: SweepIdentity = { seeds: `${range.first}..${range.last}`, ...(ordering !== undefined ? { ordering } : {}) };
  const label = sweepLabel({
    scenario: loaded.scenario.name,
    seeds: identity.seeds,
    ...(ordering !== undefined ? { ordering } : {}),
    mutations: mutations ?? loaded.scenario.mutations ?? [],
    ...(shard !== undefined ? { shard } : {}),
  });
  if (seeds.count === 0) {
    io.err(`recovery-sim sweep: shard ${flags.shard ?? ''} of ${range.first}..${range.last} holds no seeds (the range is shorter than the shard count); nothing to run.`);
    cli.exitCode = EXIT.pass;
    return;
  }
  const keeper = corpusDir !== undefined ? new FailureKeeper({ dir: corpusDir, loaded, by: `sweep ${label}`, ...(ordering !== undefined ? { ordering } : {}) }) : undefined;

  const progress = new Progress(io, `sweep ${label}`, seeds.count, budgetMs);
  const tally = new SweepTally();
  const started = Date.now();
  const ran = await sweepSeeds({
    scenario: loaded.scenario,
    source: loaded.source,
    count: seeds.count,
    seedAt: seeds.seedAt,
    jobs,
    ...(mutations !== undefined ? { mutations } : {}),
    ...(ordering !== undefined ? { ordering } : {}),
    ...(budgetMs !== undefined ? { stopWhen: () => Date.now() - started >= budgetMs } : {}),
    onDone: (result) => progress.tick(runPassed(result)),
    onResult: (result) => {
      const passed = runPassed(result);
      tally.add(result, passed);
      if (!passed) keeper?.consider(result);
      if (flags.json === true) io.out(sweepLine(result, { identity, timings: flags.timings }));
    },
  });
  progress.end();
  const wallMs = Date.now() - started;
  const stopped =
    ran < seeds.count && budgetMs !== undefined
      ? `the --for ${formatDuration(budgetMs)} budget ended after ${ran}${range.last === Number.MAX_SAFE_INTEGER && shard === undefined ? '' : ` of ${seeds.count}`} seeds${ran > 0 ? ` (${seeds.seedAt(0)}..${seeds.seedAt(ran - 1)})` : ''}; the next seed is ${seeds.seedAt(ran)}`
      : undefined;
  const threads = Math.min(jobs, seeds.count);
  const summary = sweepSummaryLines(
    tally,
    {
      label,
      ...(flags.timings ? { timing: { note: `${threads} job${threads === 1 ? '' : 's'}${engineNote()} · ${(wallMs / 1000).toFixed(1)} s wall`, wallMs } } : {}),
      ...(stopped !== undefined ? { notes: [{ label: 'stopped', text: stopped }] } : {}),
    },
    io.chalk,
  ).join('\n');
  // With --json, stdout holds only the JSON lines; the table goes to stderr for people.
  if (flags.json === true) io.err(summary);
  else io.out(summary);
  if (keeper !== undefined) saveFailures(cli, keeper);
  cli.exitCode = tally.passed === tally.runs ? EXIT.pass : EXIT.violation;
}

export function sweepCommand(cli: Cli) {
  return new Command('sweep')
    .description('run many seeds of a scenario in worker threads and summarise them')
    .argument('[scenario]', 'a bundled scenario name or a scenario file', DEFAULT_SCENARIO)
    .option('--seeds <A..B>', 'the seeds to run, both ends included (e.g. 1..100); with --for, A.. runs on from A')
    .option('--jobs <n>', 'worker threads (default and most: the available parallelism)')
    .option('--shard <I/N>', 'run only part I of N of the range (the I-th of N consecutive blocks), to split a range across machines; `recovery-sim merge` puts the parts together')
    .option('--mutate <id...>', 'switch on these mutations instead of the scenario\'s own')
    .option('--no-mutations', 'switch off the scenario\'s mutations')
    .option('--ordering <mode>', 'how deliveries racing within the jitter window are ordered: random (default) or pct')
    .option('--json', 'print one JSON object per seed (JSON lines, in seed order); the table goes to stderr')
    .option('--no-timings', 'leave wall-clock times out of the JSON lines and the table, so the same sweep prints the same bytes on any machine')
    .option('--for <duration>', 'a wall-clock budget (30s, 10m, 1h30m): run seeds in order until it ends, then report how many ran')
    .option('--save-failures <dir>', 'write each failing seed (shrunk where it can be) into this corpus directory; `npm test` replays corpus/')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText(
      'after',
      '\nA run fails when it misses the scenario\'s expectation (or, without one, violates an invariant); exit 1 if any did.\nExamples:\n  recovery-sim sweep random-faults --seeds 1..200\n  recovery-sim sweep random-faults --seeds 1..3000 --shard 2/3 --json --no-timings > part2.jsonl\n  recovery-sim sweep random-faults --seeds 1.. --for 10m --save-failures corpus/',
    )
    .action((scenario, flags) => sweepAction(cli, scenario, flags));
}
