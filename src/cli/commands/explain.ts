import { Command } from '@commander-js/extra-typings';
import { isMutationId, MUTATIONS, MUTATION_IDS, type MutationId } from '../../cluster/mutations.js';
import { INVARIANTS } from '../../check/invariants/index.js';
import { isInvariantId, type InvariantId } from '../../check/types.js';
import { loadCatalog } from '../../scenario/catalog.js';
import { displayPath, findScenario, loadScenarioFile, ScenarioError, type LoadedScenario } from '../../scenario/load.js';
import { resolveScenario } from '../../scenario/resolve.js';
import { shapeRangesText } from '../../scenario/shape-text.js';
import type { Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { wrap } from '../text.js';

function meaningOf(id: string): string {
  return INVARIANTS.find((i) => i.id === id)?.meaning ?? '';
}

function explainMutation(id: MutationId, scenarios: readonly LoadedScenario[]): string[] {
  const m = MUTATIONS[id];
  const caught = m.caughtBy.map((inv) => `${inv} (${meaningOf(inv).replace(/\.$/, '')})`).join(', and ');
  const using = scenarios.filter((l) => l.scenario.mutations?.includes(id)).map((l) => l.source);
  const text = [
    `Mutation ${id} (${origin(m.source)}) is a deliberate bug, off by default: ${m.summary}`,
    `${m.caughtBy.length === 1 ? 'The checker' : 'The checkers'} meant to catch it: ${caught}.`,
    using.length > 0 ? `Scenarios that switch it on: ${using.join(', ')} (try \`recovery-sim run ${using[0]}\`).` : '',
    `It shows in ${m.shownIn.scenario}${m.alongWith !== undefined ? `, together with ${m.alongWith.join(' and ')}${m.disguise === true ? ' (the bug it disguises)' : ', which set the stage'}` : ''}: \`recovery-sim run ${m.shownIn.scenario} --mutate ${[id, ...(m.alongWith ?? [])].join(' ')}\`${m.shownIn.seeds > 1 ? ` (caught within seeds 1..${m.shownIn.seeds})` : ''}.`,
  ]
    .filter((line) => line !== '')
    .join(' ');
  return wrap(text);
}

function explainInvariant(id: InvariantId, scenarios: readonly LoadedScenario[]): string[] {
  const info = INVARIANTS.find((i) => i.id === id);
  const catches = MUTATION_IDS.filter((m) => MUTATIONS[m].caughtBy.includes(id));
  const expecting = scenarios.filter((l) => l.scenario.expect?.invariant === id).map((l) => l.source);
  const text = [
    `Invariant ${id} (${info?.spec ?? ''}, a ${info?.kind ?? 'safety'} property): ${info?.meaning ?? ''}`,
    info?.kind === 'liveness' ? 'It is judged once, after faults stop, at quiet time plus the liveness bound.' : 'It is checked online, after every trace event that bears on it.',
    catches.length > 0 ? `It is the checker meant to catch the mutations ${catches.map((m) => `${m} (${MUTATIONS[m].source})`).join(', ')}.` : '',
    expecting.length > 0 ? `Scenarios that expect it to fail: ${expecting.join(', ')}.` : '',
  ].filter((s) => s !== '').join(' ');
  return wrap(text);
}

function explainScenario(l: LoadedScenario): string[] {
  const s = l.scenario;
  const r = resolveScenario(s, 1);
  const nodes = r.cluster.nodes.map((n) => `${n.id} (${n.capabilities.join('+')}${n.joinAtMs !== undefined ? `, joins at ${n.joinAtMs} ms` : ''})`).join(', ');
  // A drawn cluster differs per seed: say so, and show seed 1's as an example.
  const cluster = r.shape !== undefined ? `Cluster: drawn from each seed (${shapeRangesText(s.shape ?? {})}); seed 1 draws ${nodes}` : `Cluster: ${nodes}`;
  const faults = s.faults?.random !== undefined ? `random faults drawn from the seed until ${r.quietAtMs} ms` : `${s.faults?.script?.length ?? 0} scripted fault actions`;
  const parts = [
    `Scenario ${s.name} (${displayPath(l.file)})${s.demo !== undefined ? `, the demo "${s.demo.title}"` : ''}.`,
    s.description ?? '',
    `${cluster}; coordinators ${r.cluster.coordinators.join(', ')}.`,
    `It runs for ${r.durationMs} ms with ${faults}${s.mutations !== undefined && s.mutations.length > 0 ? ` and the mutations ${s.mutations.join(', ')} switched on` : ''}.`,
    s.expect !== undefined ? `It expects ${s.expect.verdict}${s.expect.invariant !== undefined ? ` of ${s.expect.invariant}` : ''}.` : '',
  ].filter((p) => p !== '');
  const lines = wrap(parts.join(' '));
  if (s.watch !== undefined && s.watch.length > 0) lines.push('Watch for:', ...s.watch.flatMap((w) => wrap(w, 100, '    ').map((x, i) => (i === 0 ? `  • ${x.trimStart()}` : x))));
  lines.push(`Run it: recovery-sim run ${l.source}${s.demo !== undefined ? ` (narrated: recovery-sim demo ${l.source})` : ''}`);
  return lines;
}

/** `explain`: a scenario, a mutation or an invariant, in a paragraph. */
/** Where a mutation comes from: the protocol notes' ids (F, S, rules, sections, seed notes), or elsewhere. */
function origin(source: string): string {
  if (source === 'bug class') return 'a bug class reported against the real system';
  if (/^(F\d|S\d|rule |§|seed )/.test(source)) return `${source} in the protocol notes`;
  return `the project's own: ${source}`;
}

export function explainAction(cli: Cli, id: string): void {
  const catalog = loadCatalog();
  if (isMutationId(id)) return cli.io.out(explainMutation(id, catalog.scenarios).join('\n'));
  if (isInvariantId(id)) return cli.io.out(explainInvariant(id, catalog.scenarios).join('\n'));
  let found: { file: string; source: string };
  try {
    found = findScenario(id);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new UsageError(
      `nothing called "${id}" to explain. Known ids: scenarios ${catalog.scenarios.map((l) => l.source).join(', ')}; mutations ${MUTATION_IDS.join(', ')}; invariants ${INVARIANTS.map((i) => i.id).join(', ')}.`,
    );
  }
  cli.io.out(explainScenario(loadScenarioFile(found.file, found.source)).join('\n'));
}

export function explainCommand(cli: Cli) {
  return new Command('explain')
    .description('explain a scenario, a mutation or an invariant in a paragraph')
    .argument('<id>', 'a scenario name (or file), a mutation id or an invariant id')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .action((id) => explainAction(cli, id));
}
