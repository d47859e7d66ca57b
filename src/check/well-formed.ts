import type { TransactionSystemLayout } from '../cluster/types.js';

/**
 * S16/S17 as the checkers read them, written apart from the director's own validation so that a
 * bug in one is not hidden by the same bug in the other. Resolvers are not modelled.
 */
export function wellFormednessProblems(tsl: TransactionSystemLayout): string[] {
  const problems: string[] = [];
  const isId = (slot: unknown): slot is string => typeof slot === 'string' && slot.length > 0;
  if (!isId(tsl.sequencer)) problems.push('it has no sequencer');
  if (tsl.proxies.length === 0) problems.push('it has no commit proxy');
  if (tsl.logs.length === 0) problems.push('it has no logs');
  if (tsl.storageTeams.length === 0) problems.push('it has no storage teams');
  const services = new Map(tsl.services.map((s) => [s.id, s]));
  const referenced = new Set<string>();
  for (const log of tsl.logs) {
    if (!isId(log.id)) {
      problems.push('a log slot is still a vacancy');
      continue;
    }
    referenced.add(log.id);
    const service = services.get(log.id);
    if (service === undefined || service.status === 'down') problems.push(`log ${log.id} is not up`);
  }
  for (const team of tsl.storageTeams) {
    if (team.storageIds.length === 0) problems.push(`team ${team.tag} has no members`);
    for (const id of team.storageIds) {
      if (!isId(id)) problems.push(`team ${team.tag} still has a vacancy`);
      else referenced.add(id);
    }
  }
  for (const s of tsl.services) if (!referenced.has(s.id)) problems.push(`service ${s.id} is listed but neither a log nor a team member`);
  return problems;
}
