import type { NodeId, ServiceEntry, ServiceId, ServiceKind, Slot, Vacancy } from '../types.js';
import { compareNodeIds, isVacancy } from '../types.js';

export interface Placement {
  readonly id: ServiceId;
  readonly node: NodeId;
}

export interface Assignment {
  readonly vacancy: number;
  readonly id: ServiceId;
}

export type RecruitmentPlan =
  | {
      readonly ok: true;
      /** Every vacancy, in order, with the service that fills it. */
      readonly assignments: readonly Assignment[];
      /** Workers to create (a subset of the assigned ids) and where. */
      readonly newWorkers: readonly Placement[];
    }
  | { readonly ok: false; readonly reason: 'insufficient_nodes'; readonly need: number; readonly have: number };

/** Distinct vacancies among `slots`, by number. */
export function vacanciesIn(slots: readonly Slot[]): Vacancy[] {
  const seen = new Map<number, Vacancy>();
  for (const slot of slots) if (isVacancy(slot)) seen.set(slot.vacancy, slot);
  return [...seen.values()].sort((a, b) => a.vacancy - b.vacancy);
}

/**
 * Existing services of `kind` that may fill a vacancy: sorted, never one of `excluded`
 * (the old layout's services, ids already placed, services known to be unreachable).
 */
export function recruitmentCandidates(
  directory: readonly ServiceEntry[],
  kind: ServiceKind,
  excluded: ReadonlySet<ServiceId>,
): ServiceId[] {
  return directory
    .filter((e) => e.kind === kind && !excluded.has(e.id))
    .map((e) => e.id)
    .sort();
}

/** Round-robin placement that wraps: 4 workers on 3 nodes go node1, node2, node3, node1. */
export function assignRoundRobin(ids: readonly ServiceId[], nodes: readonly NodeId[]): Placement[] {
  if (nodes.length === 0) return [];
  return ids.map((id, i) => ({ id, node: nodes[i % nodes.length] as NodeId }));
}

/**
 * §4.6 steps 1 and 2: reuse existing candidates first, then create new workers round-robin over
 * the capable nodes. Stalls with `insufficient_nodes` when no capable node is left, or, under
 * `strictPlacement`, when there are fewer nodes than new workers needed.
 */
export function planRecruitment(input: {
  readonly vacancies: readonly Vacancy[];
  readonly candidates: readonly ServiceId[];
  readonly nodes: readonly NodeId[];
  readonly strictPlacement: boolean;
  readonly freshId: () => ServiceId;
}): RecruitmentPlan {
  const { vacancies, candidates, nodes } = input;
  const need = Math.max(0, vacancies.length - candidates.length);
  if (need > 0 && (nodes.length === 0 || (input.strictPlacement && nodes.length < need))) {
    return { ok: false, reason: 'insufficient_nodes', need, have: nodes.length };
  }
  const newIds = Array.from({ length: need }, () => input.freshId());
  const pool = [...candidates.slice(0, vacancies.length), ...newIds];
  return {
    ok: true,
    assignments: vacancies.map((v, i) => ({ vacancy: v.vacancy, id: pool[i] as ServiceId })),
    newWorkers: assignRoundRobin(newIds, nodes),
  };
}

/** Replace each vacancy slot by the id assigned to it. */
export function fillSlots(slots: readonly Slot[], assignments: readonly Assignment[]): Slot[] {
  const byVacancy = new Map(assignments.map((a) => [a.vacancy, a.id]));
  return slots.map((slot) => (isVacancy(slot) ? (byVacancy.get(slot.vacancy) ?? slot) : slot));
}

/**
 * The nodes to place new workers on when the trusted ones cannot take them all: the capable nodes
 * by `key`, smallest first (ties in node order), as few as the plan needs. The reference key is
 * when each node last failed us (0: never, or answered since): a node that failed us a moment ago
 * is the likeliest to be dead; one that failed us long ago during a partition has probably come
 * back. (When its suspicion ends is no measure of that: windows double with every failure, so a
 * node that failed often during a partition stays suspected longer than one that died.)
 */
export function fallbackOrder(capable: readonly NodeId[], key: (node: NodeId) => number): NodeId[] {
  return [...capable].sort((a, b) => key(a) - key(b) || compareNodeIds(a, b));
}
