import { Command } from '@commander-js/extra-typings';
import { bundledScenarioNames } from '../../scenario/load.js';
import { replayLines, verdictLine } from '../../report/summary.js';
import { DEFAULT_SCENARIO, type Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { parseMutations, parseOrdering, parseSeed } from '../options.js';
import { loadInputScenario, scenarioInput } from '../scenario-input.js';
import { executeRun, exitCodeFor, type SingleRun } from '../single-run.js';
import { TraceFile } from '../trace-file.js';

export interface RunFlags {
  readonly seed?: string;
  readonly mutate?: string[];
  readonly mutations: boolean;
  readonly ordering?: string;
  readonly trace?: string;
  readonly json?: true;
  readonly quiet?: true;
  readonly verbose?: true;
}

/** `run`: one run, explained as a timeline (or one JSON object, or three lines with --quiet). */
export function runAction(cli: Cli, name: string, flags: RunFlags): void {
  if (flags.verbose === true && (flags.json === true || flags.quiet === true)) {
    throw new UsageError(`--verbose prints the timeline, which ${flags.json === true ? '--json' : '--quiet'} leaves out: give one of them.`);
  }
  const seed = parseSeed(flags.seed);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const ordering = parseOrdering(flags.ordering);
  const loaded = loadInputScenario(name);
  const sink = flags.trace !== undefined ? TraceFile.open(flags.trace, [scenarioInput(loaded)]) : undefined;
  const quiet = flags.json === true || flags.quiet === true;
  let run: SingleRun;
  // The trace is put in place only once the run has finished; a failed run leaves no file.
  try {
    run = executeRun({
      loaded,
      seed,
      mutations,
      ...(ordering !== undefined ? { ordering } : {}),
      chalk: cli.io.chalk,
      timeline: !quiet,
      verbose: flags.verbose === true,
      ...(sink !== undefined ? { sink } : {}),
    });
    sink?.commit();
  } finally {
    sink?.discard();
  }
  const { io } = cli;
  if (flags.json === true) io.out(JSON.stringify(run.result));
  else if (flags.quiet === true) io.out([verdictLine(run.result, io.chalk), ...replayLines(run.result, io.chalk)].join('\n'));
  else io.out([...run.config, '', ...run.timeline, '', ...run.summary].join('\n'));
  if (flags.trace !== undefined && flags.json !== true) io.err(`trace: ${run.result.events} events written to ${flags.trace}`);
  cli.exitCode = exitCodeFor(run.result);
}

export function runCommand(cli: Cli) {
  return new Command('run')
    .description('run one scenario with one seed and explain it as a timeline')
    .argument('[scenario]', 'a bundled scenario name or a scenario file (.json, .yaml)', DEFAULT_SCENARIO)
    .option('--seed <n>', 'the seed (a non-negative integer)', '1')
    .option('--mutate <id...>', 'switch on these mutations (deliberate bugs) instead of the scenario\'s own')
    .option('--no-mutations', 'switch off the scenario\'s mutations')
    .option('--ordering <mode>', 'how deliveries racing within the jitter window are ordered: random (default) or pct')
    .option('--trace <file>', 'also write every trace event to this file as JSON lines')
    .option('--json', 'print one JSON object with the outcome, nothing else')
    .option('--quiet', 'print only the verdict, the trace hash and the replay command')
    .option('--verbose', 'print every event, including every message sent, delivered or dropped')
    .option('--no-color', 'no colours (also: the NO_COLOR environment variable)')
    .addHelpText('after', '\nExit codes: 0 pass (or the scenario\'s expectation met), 1 violation (or expectation not met), 2 bad input.\nExamples:\n  recovery-sim run\n  recovery-sim run director-race --seed 7\n  recovery-sim run log-crash --mutate recruit-old-layout --json')
    .action((scenario, flags) => runAction(cli, scenario, flags));
}
