import { dirname, join, relative, resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import type { MutationId } from '../../cluster/mutations.js';
import { bundledScenarioNames, displayPath, type LoadedScenario } from '../../scenario/load.js';
import { SCHEMA_FILE, scenariosDir } from '../../scenario/paths.js';
import { formatScenarioJson } from '../../scenario/format.js';
import { shrinkFailingSeed } from '../../scenario/shrink-run.js';
import type { Scenario } from '../../scenario/types.js';
import { replayCommand } from '../../runner/result.js';
import type { Cli } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { parseMutations, parseSeed } from '../options.js';
import { OutputFile } from '../output-file.js';
import { loadInputScenario, scenarioInput } from '../scenario-input.js';

export interface ShrinkFlags {
  readonly seed?: string;
  readonly mutate?: string[];
  readonly mutations: boolean;
  readonly out?: string;
}

/**
 * `shrink`: turn a failing seed's fault plan into a script and cut it down to the actions the
 * violation needs. Exit 0 with the minimal file written; 2 when the seed does not fail (there is
 * nothing to shrink) or the file cannot be written; 1 when the scripted plan stops reproducing.
 */
export function shrinkAction(cli: Cli, name: string, flags: ShrinkFlags): void {
  if (flags.seed === undefined) throw new UsageError('shrink needs --seed N, the seed of a failing run (a sweep lists them). Example: recovery-sim shrink random-faults --seed 17.');
  const seed = parseSeed(flags.seed);
  const mutations = parseMutations(flags.mutate, flags.mutations, bundledScenarioNames());
  const loaded = loadInputScenario(name);
  const shrunkName = `${loaded.scenario.name}-seed${seed}`;
  const out = resolve(flags.out ?? join(scenariosDir(), 'shrunk', `${shrunkName}.json`));
  // Opened before the minutes of shrinking, so a bad path fails at once.
  const file = OutputFile.open({ flag: '--out', path: flags.out ?? out, what: 'the shrunk scenario', example: `${shrunkName}.json`, inputs: [scenarioInput(loaded)], makeDirectories: true });
  try {
    shrinkInto(cli, { loaded, seed, mutations, shrunkName, out, file });
  } finally {
    file.discard();
  }
}

interface ShrinkJob {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly mutations: MutationId[] | undefined;
  readonly shrunkName: string;
  /** The absolute path of the file written. */
  readonly out: string;
  readonly file: OutputFile;
}

function shrinkInto(cli: Cli, { loaded, seed, mutations, shrunkName, out, file }: ShrinkJob): void {
  const { io } = cli;
  const started = Date.now();
  let tries = 0;
  const outcome = shrinkFailingSeed({
    loaded,
    seed,
    name: shrunkName,
    ...(mutations !== undefined ? { mutations } : {}),
    onTry: (actions, kept) => io.err(`shrink: try ${++tries}: ${actions} action${actions === 1 ? '' : 's'} → ${kept ? 'still fails, kept' : 'passes, rejected'}`),
  });
  if (outcome.kind === 'passes') {
    io.err(`recovery-sim shrink: ${loaded.scenario.name} with seed ${seed} passes: there is no violation to shrink. Give the seed of a failing run (\`recovery-sim sweep ${loaded.source} --seeds 1..100\` lists them).`);
    cli.exitCode = EXIT.badInput;
    return;
  }
  if (outcome.kind === 'plan-does-not-reproduce') {
    io.err(`recovery-sim shrink: the fault plan written as a script no longer reproduces ${outcome.target} first (it gives ${outcome.scripted.verdict === 'pass' ? 'a pass' : outcome.scripted.violated.join(', ')}); the violation depends on something besides the plan, so it cannot be shrunk this way.`);
    cli.exitCode = EXIT.violation;
    return;
  }
  const { target, original, before } = outcome;
  io.err(`shrink: ${loaded.scenario.name} seed ${seed} violates ${target} (first of: ${original.violated.join(', ')}); ${before} fault actions minimised`);
  // The schema reference first, pointing from the new file to the bundled schema (editors use it).
  const { $schema: _old, ...body } = outcome.scenario as Scenario & { $schema?: string };
  const shrunk = { $schema: relative(dirname(out), join(scenariosDir(), SCHEMA_FILE)).split('\\').join('/'), ...body };

  file.write(formatScenarioJson(shrunk));
  const shown = displayPath(out);
  io.out(
    [
      `violation ${target} of ${loaded.scenario.name} seed ${seed} reproduced by ${outcome.after} of ${before} fault actions (${outcome.tries} runs, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `wrote ${shown}`,
      `replay: ${replayCommand(shown, shrunkName, seed, original.mutations, original.mutations)}`,
    ].join('\n'),
  );
  cli.exitCode = EXIT.pass;
}

export function shrinkCommand(cli: Cli) {
  return new Command('shrink')
    .description('minimise the fault plan of a failing seed and write it as a scenario file')
    .argument('<scenario>', 'a bundled scenario name or a scenario file')
    .option('--seed <n>', 'the failing seed')
    .option('--mutate <id...>', 'switch on these mutations instead of the scenario\'s own')
    .option('--no-mutations', 'switch off the scenario\'s mutations')
    .option('--out <file>', 'where to write the minimal scenario (default scenarios/shrunk/<name>-seed<N>.json)')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText('after', '\nExit codes: 0 the minimal scenario was written, 1 the scripted plan does not reproduce the violation, 2 bad input or the seed passes (nothing to shrink).\nExample:\n  recovery-sim shrink random-faults --seed 17 --mutate no-fencing')
    .action((scenario, flags) => shrinkAction(cli, scenario, flags));
}
