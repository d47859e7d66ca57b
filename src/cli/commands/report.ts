import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { MemorySink, type TraceRecord } from '../../../sim/index.js';
import type { RunEvent } from '../../cluster/events.js';
import { renderHtmlReport } from '../../report/html/index.js';
import { replayLines, verdictLine } from '../../report/summary.js';
import { bundledScenarioNames, displayPath, loadScenario } from '../../scenario/load.js';
import { DEFAULT_SCENARIO, type Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { parseMutations, parseSeed } from '../options.js';
import { executeRun, exitCodeFor } from '../single-run.js';

export interface ReportFlags {
  readonly seed?: string;
  readonly out?: string;
  readonly mutate?: string[];
  readonly mutations: boolean;
}

/** `report`: one run, its full trace kept in memory, drawn as a self-contained HTML page. */
export function reportAction(cli: Cli, name: string, flags: ReportFlags): void {
  if (flags.out === undefined) throw new UsageError('report needs --out FILE.html, where to write the page. Example: recovery-sim report log-crash --seed 1 --out log-crash.html.');
  const seed = parseSeed(flags.seed);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const loaded = loadScenario(name);
  const sink = new MemorySink();
  const run = executeRun({ loaded, seed, mutations, chalk: cli.io.chalk, timeline: false, sink });
  const html = renderHtmlReport({ scenario: loaded.scenario, result: run.result, records: sink.records as TraceRecord<RunEvent>[] });
  try {
    mkdirSync(dirname(flags.out), { recursive: true });
    writeFileSync(flags.out, html);
  } catch (e) {
    throw new UsageError(`--out ${flags.out}: cannot write the report (${(e as Error).message}). Give a writable file path.`);
  }
  const { io } = cli;
  io.out([`wrote ${displayPath(flags.out)} (${run.result.events} events)`, verdictLine(run.result, io.chalk), ...replayLines(run.result, io.chalk)].join('\n'));
  cli.exitCode = exitCodeFor(run.result);
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
    .addHelpText('after', '\nThe exit code reflects the run, as for `run`: 0 pass, 1 violation, 2 bad input.\nExample:\n  recovery-sim report director-race --seed 1 --out race.html')
    .action((scenario, flags) => reportAction(cli, scenario, flags));
}
