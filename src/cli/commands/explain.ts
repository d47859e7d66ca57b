import { Command } from '@commander-js/extra-typings';
import { isMutationId, MUTATIONS, MUTATION_IDS, type MutationId } from '../../cluster/mutations.js';
import { INVARIANTS } from '../../check/invariants/index.js';
import { isInvariantId, type InvariantId } from '../../check/types.js';
import { loadCatalog } from '../../scenario/catalog.js';
import { displayPath, findScenario, loadScenarioFile, ScenarioError, type LoadedScenario } from '../../scenario/load.js';
import { resolveScenario } from '../../scenario/resolve.js';
import { shapeRangesText } from '../../scenario/shape-text.js';
import { closest } from '../../scenario/suggest.js';
import { findTerm, glossaryNames, TOPICS, type GlossaryEntry } from '../../report/glossary.js';
import { sortedGlossary } from '../../report/docs-text.js';
import { findSpecId, SPEC_IDS, specIdsIn } from '../../report/spec-ids.js';
import { hang } from '../../report/fit.js';
import type { Cli } from '../context.js';
import { UsageError } from '../errors.js';
import { outputWidth } from '../terminal.js';
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
    `It shows in ${m.shownIn.scenario}${m.alongWith !== undefined ? `, together with ${m.alongWith.join(' and ')}${m.disguise === true ? ' (the bug it disguises)' : ', which set the stage'}` : ''}: \`recovery-sim run ${m.shownIn.scenario}${m.shownIn.firstSeed !== undefined ? ` --seed ${m.shownIn.firstSeed}` : ''} --mutate ${[id, ...(m.alongWith ?? [])].join(' ')}\`${m.shownIn.seeds > 1 ? ` (caught within seeds ${m.shownIn.firstSeed ?? 1}..${(m.shownIn.firstSeed ?? 1) + m.shownIn.seeds - 1})` : ''}.`,
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
    rulesText(info?.spec ?? ''),
    catches.length > 0 ? `It is the checker meant to catch the mutations ${catches.map((m) => `${m} (${MUTATIONS[m].source})`).join(', ')}.` : '',
    expecting.length > 0 ? `Scenarios that expect it to fail: ${expecting.join(', ')}.` : '',
  ].filter((s) => s !== '').join(' ');
  return wrap(text);
}

/** `The rules it checks (docs/protocol.md): S7: …; S9: …` for a spec string. */
function rulesText(spec: string): string {
  const rules = specIdsIn(spec).flatMap((id) => {
    const found = findSpecId(id);
    return found !== undefined ? [`${found.id}: ${found.meaning.replace(/\.$/, '')}`] : [];
  });
  return rules.length > 0 ? `The rules it checks (docs/protocol.md): ${rules.join('; ')}.` : '';
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

/** Where a mutation comes from: the protocol's ids (F, S, rules, sections, seed notes), or elsewhere. */
function origin(source: string): string {
  if (source === 'bug class') return 'a bug class reported against the real system';
  const spec = findSpecId(source);
  if (/^(F\d|S\d|rule |§|seed )/.test(source) && spec !== undefined) return `${source}, see docs/protocol.md`;
  return `the project's own: ${source}`;
}

/** Which demos show a term, as commands to type. */
function shownIn(entry: GlossaryEntry): string {
  const demos = entry.shownIn ?? [];
  return demos.length > 0 ? ` Shown in: ${demos.map((d) => `recovery-sim demo ${d}`).join(', ')}.` : '';
}

/** One glossary entry in a paragraph. */
function explainTerm(entry: GlossaryEntry): string[] {
  return wrap(`${entry.term}: ${entry.text}${shownIn(entry)} (docs/glossary.md has every term: recovery-sim explain glossary.)`);
}

/** Every term, one short paragraph each: the text of docs/glossary.md. */
function explainGlossary(cli: Cli): string[] {
  const c = cli.io.chalk;
  const lines = [c.bold('Glossary: the words recovery-sim prints (one term: recovery-sim explain <term>; the same text is in docs/glossary.md)'), ''];
  for (const entry of sortedGlossary()) {
    const also = entry.aliases !== undefined && entry.aliases.length > 0 ? c.dim(` (also: ${entry.aliases.join(', ')})`) : '';
    lines.push(`${c.bold(entry.term)}${also}`, ...wrap(`${entry.text}${shownIn(entry)}`, undefined, '    '), '');
  }
  lines.push(...wrap('The ids printed next to invariants and mutations (S12, F9, L1, rule 18…) are listed in docs/protocol.md; recovery-sim explain S12 prints one.'));
  return lines;
}

/** A spec id (S12, F9, rule 18) in a line, with what prints it. */
function explainSpecId(id: string, meaning: string): string[] {
  const invariants = INVARIANTS.filter((i) => specIdsIn(i.spec).includes(id)).map((i) => i.id);
  const mutations = MUTATION_IDS.filter((m) => specIdsIn(MUTATIONS[m].source).includes(id));
  const uses = [
    invariants.length > 0 ? `checked by ${invariants.join(', ')}` : '',
    mutations.length > 0 ? `broken on purpose by the mutation${mutations.length === 1 ? '' : 's'} ${mutations.join(', ')}` : '',
  ].filter((u) => u !== '');
  return wrap(`${id}: ${meaning}${uses.length > 0 ? ` It is ${uses.join(', and ')}.` : ''} (Every id: docs/protocol.md.)`);
}

/** `explain`: a scenario, a mutation, an invariant, a term of the glossary or a spec id. */
export function explainAction(cli: Cli, id: string): void {
  const catalog = loadCatalog();
  const out = (lines: readonly string[]): void => cli.io.out(lines.join('\n'));
  if (id.trim().toLowerCase() === 'glossary') return out(explainGlossary(cli));
  const topic = TOPICS[id.trim().toLowerCase()];
  // Numbered paragraphs hang under their text.
  if (topic !== undefined) return out(topic.split('\n').map((p) => (/^\d+\. /.test(p) ? hang('', p, outputWidth(), 3) : wrap(p).join('\n'))));
  const term = findTerm(id);
  // A term that is also an invariant or a scenario (fencing, torn-tail): both, the glossary last.
  const andTerm = (lines: string[]): void => out(term !== undefined ? [...lines, '', ...explainTerm(term)] : lines);
  if (isMutationId(id)) return andTerm(explainMutation(id, catalog.scenarios));
  if (isInvariantId(id)) return andTerm(explainInvariant(id, catalog.scenarios));
  const spec = findSpecId(id);
  if (spec !== undefined) return out(explainSpecId(spec.id, spec.meaning));
  let found: { file: string; source: string } | undefined;
  try {
    found = findScenario(id);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
  }
  if (found !== undefined) return andTerm(explainScenario(loadScenarioFile(found.file, found.source)));
  if (term !== undefined) return out(explainTerm(term));
  const scenarios = catalog.scenarios.map((l) => l.source);
  const known = [...scenarios, ...MUTATION_IDS, ...INVARIANTS.map((i) => i.id), ...glossaryNames(), ...Object.keys(TOPICS), ...SPEC_IDS.map((s) => s.id), 'glossary'];
  const near = closest(id.trim(), known);
  throw new UsageError(
    `nothing called "${id}" to explain.${near !== undefined ? ` Did you mean "${near}"?` : ''} Known ids: scenarios ${scenarios.join(', ')}; mutations ${MUTATION_IDS.join(', ')}; invariants ${INVARIANTS.map((i) => i.id).join(', ')}; terms: \`recovery-sim explain glossary\` lists them; spec ids S1 … S27, L1 … L5, F1 … F32, rule 18 … rule 20.`,
  );
}

export function explainCommand(cli: Cli) {
  return new Command('explain')
    .description('explain a scenario, a mutation, an invariant, a term (`explain glossary` lists them all) or a spec id (S12, F9)')
    .argument('<id>', 'a scenario name (or file), a mutation id, an invariant id, a term such as epoch or split-brain, "glossary", or a spec id')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText('after', '\nExit codes: 0 explained, 2 nothing of that name (the message suggests the closest).\nExamples:\n  recovery-sim explain glossary\n  recovery-sim explain epoch\n  recovery-sim explain split-brain\n  recovery-sim explain no-fencing\n  recovery-sim explain S12')
    .action((id) => explainAction(cli, id));
}
