import type {
  KeyRange,
  LogDescriptor,
  LogRecoveryInfo,
  ServiceDescriptor,
  ServiceEntry,
  ServiceId,
  ServiceKind,
  StorageRecoveryInfo,
  StorageTeam,
  Tag,
  TransactionSystemLayout,
} from '../../../src/cluster/types.js';

/** Shared builders for the decision-function tests (not a test file itself). */

export const SYSTEM_RANGE: KeyRange = { start: '\u00ff', end: null };
export const USER_RANGE: KeyRange = { start: '', end: '\u00ff' };

export function log(id: ServiceId, tags: readonly Tag[] = [0, 1]): LogDescriptor {
  return { id, tags };
}

export function team(tag: Tag, storageIds: readonly ServiceId[], keyRange?: KeyRange): StorageTeam {
  return { tag, keyRange: keyRange ?? (tag === 0 ? SYSTEM_RANGE : tag === 1 ? USER_RANGE : { start: `k${tag}`, end: `k${tag + 1}` }), storageIds };
}

export function entry(id: ServiceId, kind: ServiceKind = 'log', node = 'n1'): ServiceEntry {
  return { id, kind, address: `${id}@${node}` };
}

export function up(id: ServiceId, kind: ServiceKind = 'log', node = 'n1'): ServiceDescriptor {
  return { id, kind, address: `${id}@${node}`, status: { up: `${id}@${node}#1` } };
}

export function down(id: ServiceId, kind: ServiceKind = 'log', node = 'n1'): ServiceDescriptor {
  return { id, kind, address: `${id}@${node}`, status: 'down' };
}

/** A layout with sensible defaults; override any field. */
export function tsl(parts: Partial<TransactionSystemLayout> = {}): TransactionSystemLayout {
  return {
    id: 1,
    epoch: 1,
    director: 'director@n1#1',
    sequencer: 'sequencer@n1#1',
    proxies: ['proxy@n1#1'],
    logs: [],
    storageTeams: [],
    services: [],
    versionVector: { first: 0, last: 0 },
    durableVersion: 0,
    ...parts,
  };
}

export function logInfo(oldestVersion: number, lastVersion: number): LogRecoveryInfo {
  return { kind: 'log', oldestVersion, lastVersion, recoveredAt: null };
}

export function logInfos(entries: Record<ServiceId, readonly [number, number]>): Map<ServiceId, LogRecoveryInfo> {
  return new Map(Object.entries(entries).map(([id, [oldest, last]]) => [id, logInfo(oldest, last)]));
}

/** Every tag the fixtures use: a server holds them all unless told otherwise. */
const EVERY_TAG = Array.from({ length: 32 }, (_, i) => i);

export function storageInfos(entries: Record<ServiceId, number>, holds: Record<ServiceId, readonly number[]> = {}): Map<ServiceId, StorageRecoveryInfo> {
  return new Map(
    Object.entries(entries).map(([id, durableVersion]) => [id, { kind: 'storage', durableVersion, oldestDurableVersion: 0, holds: holds[id] ?? EVERY_TAG }]),
  );
}
