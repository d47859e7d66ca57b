import { Command } from '@commander-js/extra-typings';
import { sameMutations, type MutationId } from '../../cluster/mutations.js';
import { renderCompareReport, renderHtmlReport, runLabel } from '../../report/html/index.js';
import { MAX_COMPARED_EVENTS } from '../../report/html/model/compare.js';
import { replayLines, verdictLine } from '../../report/summary.js';
import { REPORT_RECORD_LIMIT } from '../../report/trace-sample.js';
import { bundledScenarioNames, displayPath, type LoadedScenario } from '../../scenario/load.js';
import { DEFAULT_SCENARIO, type Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { parseMutations, parseSeed } from '../options.js';
import { OutputFile } from '../output-file.js';
import { runForReport, runPairForReport } from '../report-run.js';
import { loadInputScenario, scenarioInput } from '../scenario-input.js';
import { exitCodeFor } from '../single-run.js';

export interface ReportFlags {
  readonly seed?: string;
  readonly out?: string;
  readonly mutate?: string[];
  readonly mutations: boolean;
  /** The second run of a comparison: its seed (default: the first run's). */
  readonly compareSeed?: string;
  /** The second run's mutations, instead of the first run's. */
  readonly compareMutate?: string[];
  /** The second run without mutations. */
  readonly compareNoMutations?: boolean;
}

/** The second run of a comparison, when a --compare-* flag asks for one. */
interface CompareSpec {
  readonly seed: number;
  /** Undefined: the scenario's own mutations. */
  readonly mutations: MutationId[] | undefined;
}

/** The mutations a run has: the list given, or the scenario's own. */
function effectiveMutations(given: readonly MutationId[] | undefined, loaded: LoadedScenario): readonly MutationId[] {
  return given ?? loaded.scenario.mutations ?? [];
}

/**
 * `--compare-seed M`, `--compare-mutate ids…`, `--compare-no-mutations`: the second run is the
 * first with these changed (its seed, its mutations). Undefined when no --compare-* flag is given.
 * Bad input names the flag: a bad seed or mutation id, both mutation flags at once, or a second
 * run that would be the first one again.
 */
function parseCompare(flags: ReportFlags, seed: number, mutations: MutationId[] | undefined, loaded: LoadedScenario): CompareSpec | undefined {
  const asked = flags.compareSeed !== undefined || flags.compareMutate !== undefined || flags.compareNoMutations === true;
  if (!asked) return undefined;
  if (flags.compareMutate !== undefined && flags.compareNoMutations === true) {
    throw new UsageError('--compare-mutate and --compare-no-mutations contradict each other: give one of them (the second run\'s mutations, or none).');
  }
  const compareSeed = parseSeed(flags.compareSeed, '--compare-seed', seed);
  let compareMutations: MutationId[] | undefined;
  if (flags.compareNoMutations === true) compareMutations = [];
  else if (flags.compareMutate !== undefined) {
    compareMutations = parseMutations(flags.compareMutate, true, bundledScenarioNames(), '--compare-mutate');
  } else compareMutations = mutations;
  const first = effectiveMutations(mutations, loaded);
  const second = effectiveMutations(compareMutations, loaded);
  if (compareSeed === seed && sameMutations(first, second)) {
    const flag = flags.compareSeed !== undefined ? `--compare-seed ${flags.compareSeed}` : flags.compareNoMutations === true ? '--compare-no-mutations' : '--compare-mutate';
    throw new UsageError(
      `${flag}: the second run would be the first one again (seed ${seed}, ${first.length > 0 ? `mutations ${first.join(', ')}` : 'no mutations'}): runs are deterministic, so there would be nothing to compare. ` +
        'Give another seed (--compare-seed 2) or other mutations (--compare-mutate ID…, --compare-no-mutations).',
    );
  }
  return { seed: compareSeed, mutations: compareMutations };
}

/**
 * `report`: one run drawn as a self-contained HTML page. A long run's trace is sampled to
 * `recordLimit` message and data-plane records (every protocol event kept), and the page and
 * stderr say what is left out. With a --compare-* flag, two runs on one page.
 */
export function reportAction(cli: Cli, name: string, flags: ReportFlags, recordLimit: number = REPORT_RECORD_LIMIT): void {
  if (flags.out === undefined) throw new UsageError('report needs --out FILE.html, where to write the page. Example: recovery-sim report log-crash --seed 1 --out log-crash.html.');
  const seed = parseSeed(flags.seed);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const loaded = loadInputScenario(name);
  const compare = parseCompare(flags, seed, mutations, loaded);
  const out = OutputFile.open({ flag: '--out', path: flags.out, what: 'the report', example: 'run.html', inputs: [scenarioInput(loaded)], makeDirectories: true });
  const { io } = cli;
  try {
    if (compare !== undefined) {
      const common = { loaded, chalk: io.chalk, timeline: false } as const;
      const pair = runPairForReport({ ...common, seed, mutations }, { ...common, seed: compare.seed, mutations: compare.mutations }, recordLimit);
      for (const [label, r] of [['A', pair.a], ['B', pair.b]] as const) if (r.sample !== null) io.err(`report: run ${label}: ${r.sample.note}`);
      out.write(renderCompareReport({ a: pair.a.input, b: pair.b.input, firstDifference: pair.firstDifference, positions: pair.positions }));
      const ra = pair.a.run.result;
      const rb = pair.b.run.result;
      const first =
        pair.firstDifference === null
          ? `the traces are the same for their first ${MAX_COMPARED_EVENTS.toLocaleString('en-US')} events (not compared further)`
          : pair.firstDifference < 0
            ? `the traces are the same, event for event (trace hash ${ra.traceHash})`
            : `the traces part at event #${pair.firstDifference}`;
      io.out(
        [
          `wrote ${displayPath(flags.out)}: run A above run B on one time axis; ${first}`,
          `run A: ${runLabel(ra)}, ${ra.events} events`,
          verdictLine(ra, io.chalk),
          ...replayLines(ra, io.chalk),
          `run B: ${runLabel(rb)}, ${rb.events} events`,
          verdictLine(rb, io.chalk),
          ...replayLines(rb, io.chalk),
        ].join('\n'),
      );
      cli.exitCode = Math.max(exitCodeFor(ra), exitCodeFor(rb));
      return;
    }
    const { run, input, sample } = runForReport({ loaded, seed, mutations, chalk: io.chalk, timeline: false }, recordLimit);
    if (sample !== null) io.err(`report: ${sample.note}`);
    out.write(renderHtmlReport(input));
    io.out([`wrote ${displayPath(flags.out)} (${run.result.events} events)`, verdictLine(run.result, io.chalk), ...replayLines(run.result, io.chalk)].join('\n'));
    cli.exitCode = exitCodeFor(run.result);
  } finally {
    out.discard();
  }
}

export function reportCommand(cli: Cli) {
  return new Command('report')
    .description('run once and write the HTML timeline of the run (self-contained, works offline); or compare two runs on one page')
    .argument('[scenario]', 'a bundled scenario name or a scenario file', DEFAULT_SCENARIO)
    .option('--seed <n>', 'the seed', '1')
    .option('--out <file>', 'the HTML file to write')
    .option('--mutate <id...>', 'switch on these mutations instead of the scenario\'s own')
    .option('--no-mutations', 'switch off the scenario\'s mutations')
    .option('--compare-seed <n>', 'compare with a second run of this seed (drawn below the first, on the same time axis)')
    .option('--compare-mutate <id...>', 'compare with a second run with these mutations instead')
    .option('--compare-no-mutations', 'compare with a second run without mutations (the reference protocol)')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText(
      'after',
      [
        '',
        'The exit code reflects the run, as for `run`: 0 pass, 1 violation, 2 bad input. A comparison exits with the worse of its two runs.',
        `A run with more than ${REPORT_RECORD_LIMIT.toLocaleString('en-US')} message and data-plane records shows the first and last of them (every protocol event is kept) and says so.`,
        '',
        'Comparing two runs: any --compare-* flag draws a second run B below the first (A): B is A with its seed and',
        '(or) its mutations changed. The page marks the first event where the two traces part, and lists the',
        'publications that differ, the commits each generation acknowledged in each run, and the violations only one',
        'run has. --compare-mutate and --compare-no-mutations are one or the other; B must differ from A.',
        '',
        'Examples:',
        '  recovery-sim report director-race --seed 1 --out race.html',
        '  recovery-sim report random-faults --mutate no-fencing --seed 1 --compare-seed 8 --out seeds.html   a passing and a failing seed',
        '  recovery-sim report log-crash --compare-mutate recruit-old-layout --out bug.html            the reference protocol vs a bug',
        '  recovery-sim report bug-no-fencing --compare-no-mutations --out fix.html                     a bug demo vs the reference',
      ].join('\n'),
    )
    .action((scenario, flags) => reportAction(cli, scenario, flags));
}
