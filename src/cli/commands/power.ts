import { availableParallelism } from 'node:os';
import { Command } from '@commander-js/extra-typings';
import { MUTATION_IDS } from '../../cluster/mutations.js';
import { powerSubjects, type CatchRow } from '../../report/finding-power.js';
import { powerTableLines } from '../../report/finding-power-table.js';
import { bundledScenarioNames, type LoadedScenario } from '../../scenario/load.js';
import type { Cli } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { parseJobs, parseMutations, parseOrdering, parseSeedRange, type SeedRange } from '../options.js';
import { Progress } from '../progress.js';
import { measureFindingPower, powerRunCount } from '../power-sweep.js';
import { loadInputScenario } from '../scenario-input.js';

export const POWER_SCENARIOS = ['random-faults', 'random-shapes'];
const DEFAULT_SEEDS = '1..200';

export interface PowerFlags {
  readonly seeds?: string;
  readonly jobs?: string;
  readonly mutate?: string[];
  readonly ordering?: string;
  readonly json?: true;
}

function rowJson(row: CatchRow, seeds: SeedRange, jobs: number): string {
  return JSON.stringify({
    mutation: row.mutation,
    mutations: row.runWith,
    ...(row.stage.length > 0 ? { stage: row.stage } : {}),
    scenario: row.scenario,
    seeds: `${seeds.first}..${seeds.last}`,
    tried: row.tried,
    caught: row.caught,
    ratePercent: Math.round(row.ratePercent * 100) / 100,
    firstSeed: row.firstSeed,
    secondsToFirst: row.secondsToFirst === null ? null : Math.round(row.secondsToFirst * 1000) / 1000,
    jobs,
    invariants: Object.fromEntries(row.invariants.map((i) => [i.id, i.runs])),
  });
}

/** Scenarios named twice (or two files of one name) would share a column: keep the first. */
function distinctByName(loaded: readonly LoadedScenario[]): LoadedScenario[] {
  return loaded.filter((l, i) => loaded.findIndex((m) => m.scenario.name === l.scenario.name) === i);
}

/** `power`: how often, and how soon, the swarm scenarios catch each mutation. */
export async function powerAction(cli: Cli, names: readonly string[], flags: PowerFlags): Promise<void> {
  const seeds = parseSeedRange(flags.seeds ?? DEFAULT_SEEDS);
  const jobs = parseJobs(flags.jobs, availableParallelism(), (warning) => cli.io.err(warning));
  const mutations = parseMutations(flags.mutate, true, bundledScenarioNames()) ?? MUTATION_IDS;
  const ordering = parseOrdering(flags.ordering);
  const scenarios = distinctByName((names.length > 0 ? names : POWER_SCENARIOS).map(loadInputScenario));
  const subjects = powerSubjects(mutations);
  const { io } = cli;

  const total = powerRunCount({ subjects, scenarios, seeds });
  // Runs are numbered one after another; past the safe integers two would share a number.
  if (!Number.isSafeInteger(total)) throw new UsageError(`--seeds ${seeds.first}..${seeds.last} gives ${total} runs (${mutations.length} mutation${mutations.length === 1 ? '' : 's'} × ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'} × the seeds), more than can be counted exactly (${Number.MAX_SAFE_INTEGER}). Give a shorter range, e.g. --seeds 1..200.`);
  const progress = new Progress(io, `power ${mutations.length} mutation${mutations.length === 1 ? '' : 's'} × ${scenarios.map((s) => s.scenario.name).join(', ')} seeds ${seeds.first}..${seeds.last}`, total);
  const started = Date.now();
  const rows = await measureFindingPower({
    subjects,
    scenarios,
    seeds,
    jobs,
    ...(ordering !== undefined ? { ordering } : {}),
    onDone: (result) => progress.tick(result.violated.length === 0),
    onRow: (row) => {
      if (flags.json === true) io.out(rowJson(row, seeds, jobs));
    },
  });
  progress.end();
  const table = powerTableLines(rows, { scenarios: scenarios.map((s) => s.scenario.name), seeds, jobs, wallMs: Date.now() - started }, io.chalk).join('\n');
  // With --json, stdout holds only the JSON lines; the table goes to stderr for people.
  if (flags.json === true) io.err(table);
  else io.out(table);
  // A low rate is a finding, not a failure: the command succeeded once it measured.
  cli.exitCode = EXIT.pass;
}

export function powerCommand(cli: Cli) {
  return new Command('power')
    .description('measure finding power: how often, and how soon, the swarm scenarios catch each mutation')
    .argument('[scenarios...]', `scenario names or files (default: ${POWER_SCENARIOS.join(' ')})`)
    .option('--seeds <A..B>', `the seeds to run per mutation and scenario, both ends included (default: ${DEFAULT_SEEDS})`)
    .option('--jobs <n>', 'worker threads (default and most: the available parallelism)')
    .option('--mutate <id...>', 'measure only these mutations (default: every one)')
    .option('--ordering <mode>', 'how deliveries racing within the jitter window are ordered in every run: random (default) or pct')
    .option('--json', 'print one JSON object per mutation and scenario (JSON lines); the table goes to stderr')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText(
      'after',
      '\nEach mutation runs alone, except a disguise (it changes only what the director reports), which runs with the bug it disguises. A seed catches a mutation when its run violates an invariant. A mutation shown with switches that set its stage (a defence in depth) is measured once more with them ("staged"): a seed counts when the mutation\'s own invariants fail with the stage and hold with the stage alone. Exit 0 once measured, whatever the rates; 2 on bad input.\nExamples:\n  recovery-sim power --seeds 1..50 --jobs 2\n  recovery-sim power random-faults --mutate no-fencing ack-before-sync --json',
    )
    .action((scenarios, flags) => powerAction(cli, scenarios, flags));
}
