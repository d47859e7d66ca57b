import { dirname, join, relative, resolve } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import type { FaultAction } from '../../../sim/index.js';
import type { InvariantId } from '../../check/types.js';
import type { MutationId } from '../../cluster/mutations.js';
import { runResolved, runScenario } from '../../runner/run.js';
import { bundledScenarioNames, displayPath, type LoadedScenario } from '../../scenario/load.js';
import { SCHEMA_FILE, scenariosDir } from '../../scenario/paths.js';
import { resolveScenario } from '../../scenario/resolve.js';
import { formatScenarioJson } from '../../scenario/format.js';
import { ddmin, scriptedScenario, withActions } from '../../scenario/shrink.js';
import type { Scenario } from '../../scenario/types.js';
import { replayCommand, type RunResult } from '../../runner/result.js';
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

/** The invariant a run broke first (violations are reported in event order). */
function firstViolated(result: RunResult): InvariantId | undefined {
  return [...result.violations].sort((a, b) => a.event - b.event)[0]?.invariant;
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
  const resolved = resolveScenario(loaded.scenario, seed, mutations);
  const original = runResolved(resolved, { seed, source: loaded.source, ...(mutations !== undefined ? { mutations } : {}) });
  const target = firstViolated(original);
  if (target === undefined) {
    io.err(`recovery-sim shrink: ${loaded.scenario.name} with seed ${seed} passes: there is no violation to shrink. Give the seed of a failing run (\`recovery-sim sweep ${loaded.source} --seeds 1..100\` lists them).`);
    cli.exitCode = EXIT.badInput;
    return;
  }

  const description = `Shrunk from ${loaded.source} seed ${seed}${resolved.mutations.length > 0 ? ` with ${resolved.mutations.join(', ')}` : ''}: the fault actions that still make ${target} fail.`;
  const base = scriptedScenario(resolved, shrunkName, target, description);
  const before = base.faults?.script?.length ?? 0;
  io.err(`shrink: ${loaded.scenario.name} seed ${seed} violates ${target} (first of: ${original.violated.join(', ')}); ${before} fault actions to minimise`);

  const scripted = runScenario(base, { seed });
  if (firstViolated(scripted) !== target) {
    io.err(`recovery-sim shrink: the fault plan written as a script no longer reproduces ${target} first (it gives ${scripted.verdict === 'pass' ? 'a pass' : scripted.violated.join(', ')}); the violation depends on something besides the plan, so it cannot be shrunk this way.`);
    cli.exitCode = EXIT.violation;
    return;
  }

  let tries = 0;
  const started = Date.now();
  const keeps = (actions: readonly FaultAction[]): boolean => {
    tries++;
    const kept = runScenario(withActions(base, actions), { seed }).violated.includes(target);
    io.err(`shrink: try ${tries}: ${actions.length} action${actions.length === 1 ? '' : 's'} → ${kept ? 'still fails, kept' : 'passes, rejected'}`);
    return kept;
  };
  const minimal = ddmin(base.faults?.script ?? [], keeps);
  // The schema reference first, pointing from the new file to the bundled schema (editors use it).
  const { $schema: _old, ...body } = withActions(base, minimal) as Scenario & { $schema?: string };
  const shrunk = { $schema: relative(dirname(out), join(scenariosDir(), SCHEMA_FILE)).split('\\').join('/'), ...body };

  file.write(formatScenarioJson(shrunk));
  const shown = displayPath(out);
  io.out(
    [
      `violation ${target} of ${loaded.scenario.name} seed ${seed} reproduced by ${minimal.length} of ${before} fault actions (${tries} runs, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `wrote ${shown}`,
      `replay: ${replayCommand(shown, shrunkName, seed, resolved.mutations, resolved.mutations)}`,
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
