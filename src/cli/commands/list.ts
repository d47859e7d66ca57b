import { Command } from '@commander-js/extra-typings';
import { MUTATIONS, MUTATION_IDS } from '../../cluster/mutations.js';
import { INVARIANTS } from '../../check/invariants/index.js';
import { loadCatalog } from '../../scenario/catalog.js';
import type { Cli } from '../context.js';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { firstSentence, table } from '../text.js';

const KINDS = ['scenarios', 'mutations', 'invariants'] as const;

function listScenarios(io: Io): void {
  const catalog = loadCatalog();
  const rows = [['NAME', 'EXPECT', 'DESCRIPTION'], ...catalog.scenarios.map((l) => {
    const e = l.scenario.expect;
    return [l.source, e === undefined ? '-' : `${e.verdict}${e.invariant !== undefined ? ` (${e.invariant})` : ''}`, `${l.scenario.demo !== undefined ? '[demo] ' : ''}${firstSentence(l.scenario.description)}`];
  })];
  io.out(table(rows).join('\n'));
  for (const broken of catalog.broken) io.err(broken.problems.join('\n'));
}

function listMutations(io: Io): void {
  const rows = [['ID', 'SOURCE', 'CAUGHT BY', 'SUMMARY'], ...MUTATION_IDS.map((id) => [id, MUTATIONS[id].source, MUTATIONS[id].caughtBy.join(', '), MUTATIONS[id].summary])];
  io.out(table(rows).join('\n'));
}

function listInvariants(io: Io): void {
  const rows = [['ID', 'SPEC', 'KIND', 'MEANING'], ...INVARIANTS.map((i) => [i.id, i.spec, i.kind, i.meaning])];
  io.out(table(rows).join('\n'));
}

/** `list`: what exists (bundled scenarios, mutation switches, invariants), one line each. */
export function listAction(cli: Cli, what: string): void {
  const kind = KINDS.find((k) => k === what || k === `${what}s`);
  if (kind === undefined) throw new UsageError(`list what? Give one of ${KINDS.join(', ')}, got "${what}". Example: recovery-sim list mutations.`);
  if (kind === 'scenarios') listScenarios(cli.io);
  else if (kind === 'mutations') listMutations(cli.io);
  else listInvariants(cli.io);
}

export function listCommand(cli: Cli) {
  return new Command('list')
    .description('list the bundled scenarios, the mutations (deliberate bugs) or the invariants')
    .argument('<what>', `one of ${KINDS.join(', ')}`)
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .action((what) => listAction(cli, what));
}
