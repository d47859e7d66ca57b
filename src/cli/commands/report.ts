import { Command } from '@commander-js/extra-typings';
import { renderHtmlReport } from '../../report/html/index.js';
import { replayLines, verdictLine } from '../../report/summary.js';
import { REPORT_RECORD_LIMIT } from '../../report/trace-sample.js';
import { bundledScenarioNames, displayPath } from '../../scenario/load.js';
import { DEFAULT_SCENARIO, type Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { parseMutations, parseSeed } from '../options.js';
import { OutputFile } from '../output-file.js';
import { runForReport } from '../report-run.js';
import { loadInputScenario, scenarioInput } from '../scenario-input.js';
import { exitCodeFor } from '../single-run.js';

export interface ReportFlags {
  readonly seed?: string;
  readonly out?: string;
  readonly mutate?: string[];
  readonly mutations: boolean;
}

/**
 * `report`: one run drawn as a self-contained HTML page. A long run's trace is sampled to
 * `recordLimit` message and data-plane records (every protocol event kept), and the page and
 * stderr say what is left out.
 */
export function reportAction(cli: Cli, name: string, flags: ReportFlags, recordLimit: number = REPORT_RECORD_LIMIT): void {
  if (flags.out === undefined) throw new UsageError('report needs --out FILE.html, where to write the page. Example: recovery-sim report log-crash --seed 1 --out log-crash.html.');
  const seed = parseSeed(flags.seed);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const loaded = loadInputScenario(name);
  const out = OutputFile.open({ flag: '--out', path: flags.out, what: 'the report', example: 'run.html', inputs: [scenarioInput(loaded)], makeDirectories: true });
  const { io } = cli;
  try {
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
    .description('run once and write the HTML timeline of the run (self-contained, works offline)')
    .argument('[scenario]', 'a bundled scenario name or a scenario file', DEFAULT_SCENARIO)
    .option('--seed <n>', 'the seed', '1')
    .option('--out <file>', 'the HTML file to write')
    .option('--mutate <id...>', 'switch on these mutations instead of the scenario\'s own')
    .option('--no-mutations', 'switch off the scenario\'s mutations')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText(
      'after',
      `\nThe exit code reflects the run, as for \`run\`: 0 pass, 1 violation, 2 bad input.\nA run with more than ${REPORT_RECORD_LIMIT.toLocaleString('en-US')} message and data-plane records shows the first and last of them (every protocol event is kept) and says so.\nExample:\n  recovery-sim report director-race --seed 1 --out race.html`,
    )
    .action((scenario, flags) => reportAction(cli, scenario, flags));
}
