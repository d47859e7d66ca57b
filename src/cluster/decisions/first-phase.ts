import type { ServiceEntry, ServiceId, TransactionSystemLayout } from '../types.js';

/** Ids the old layout names: its logs and every member of its storage teams, sorted, once each. */
export function oldLayoutServiceIds(oldTsl: TransactionSystemLayout | null): ServiceId[] {
  if (oldTsl === null) return [];
  const ids = new Set<ServiceId>();
  for (const log of oldTsl.logs) ids.add(log.id);
  for (const team of oldTsl.storageTeams) for (const id of team.storageIds) ids.add(id);
  return [...ids].sort();
}

/**
 * §3.3 phase 1, selective locking: exactly the old layout's services that the directory knows
 * (ids it does not know are skipped). Nothing at all when there is no old layout.
 * `lockAll` is mutation F1: every service in the directory.
 */
export function servicesToLockFirst(
  oldTsl: TransactionSystemLayout | null,
  directory: readonly ServiceEntry[],
  lockAll = false,
): ServiceEntry[] {
  const sorted = [...directory].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (lockAll) return sorted;
  const wanted = new Set(oldLayoutServiceIds(oldTsl));
  return sorted.filter((entry) => wanted.has(entry.id));
}
