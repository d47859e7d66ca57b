import type { ServiceId, Slot, TransactionSystemLayout } from '../types.js';
import { isVacancy } from '../types.js';

/** Every id a layout references: its logs and its team members, once each, sorted. */
export function referencedIds(layout: { logs: readonly { id: Slot }[]; storageTeams: readonly { storageIds: readonly Slot[] }[] }): ServiceId[] {
  const ids = new Set<ServiceId>();
  for (const log of layout.logs) if (!isVacancy(log.id)) ids.add(log.id);
  for (const team of layout.storageTeams) for (const s of team.storageIds) if (!isVacancy(s)) ids.add(s);
  return [...ids].sort();
}

/**
 * S16/S17 (resolvers are not modelled): no vacancies, a sequencer, at least one proxy, every log
 * up, and services only for ids the logs or teams reference. Returns the problems found.
 */
export function layoutProblems(tsl: TransactionSystemLayout): string[] {
  const problems: string[] = [];
  if (tsl.sequencer === '') problems.push('no sequencer');
  if (tsl.proxies.length === 0) problems.push('no commit proxy');
  if (tsl.logs.length === 0) problems.push('no logs');
  for (const log of tsl.logs as readonly { id: Slot }[]) if (isVacancy(log.id)) problems.push(`log vacancy V${log.id.vacancy}`);
  for (const team of tsl.storageTeams as readonly { tag: number; storageIds: readonly Slot[] }[]) {
    for (const s of team.storageIds) if (isVacancy(s)) problems.push(`team ${team.tag} has vacancy V${s.vacancy}`);
  }
  const referenced = new Set(referencedIds(tsl));
  for (const service of tsl.services) {
    if (!referenced.has(service.id)) problems.push(`service ${service.id} is not referenced by logs or teams`);
  }
  for (const log of tsl.logs as readonly { id: Slot }[]) {
    if (isVacancy(log.id)) continue;
    const service = tsl.services.find((s) => s.id === log.id);
    if (service === undefined || service.status === 'down') problems.push(`log ${log.id} is not up`);
  }
  return problems;
}
