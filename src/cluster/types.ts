import type { NodeId, Pid, ProcessAddress } from '../../sim/index.js';

export type { NodeId, Pid, ProcessAddress };

/** A director's term of authority; allocated by the coordinators, never reused. */
export type Epoch = number;
/** Stable id of a log or storage worker (8 chars of base32, like Bedrock's). Survives restarts. */
export type ServiceId = string;
/** A commit version. Integers (exact well past any simulated run), ordered, 0 = nothing yet. */
export type Version = number;
/** A shard ("range tag"): each storage team owns one. */
export type Tag = number;
export type Capability = 'coordination' | 'log' | 'storage';
export type ServiceKind = 'log' | 'storage';

export const CAPABILITIES: readonly Capability[] = ['coordination', 'log', 'storage'];

/** A placeholder for a service not chosen yet. Vacancies sort before ids, by number. */
export interface Vacancy {
  readonly vacancy: number;
}
export type Slot = ServiceId | Vacancy;

export function isVacancy(slot: Slot): slot is Vacancy {
  return typeof slot !== 'string';
}

/** Vacancies first (by number), then ids lexicographically: the spec's deterministic order. */
export function compareSlots(a: Slot, b: Slot): number {
  if (isVacancy(a)) return isVacancy(b) ? a.vacancy - b.vacancy : -1;
  if (isVacancy(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function slotKey(slot: Slot): string {
  return isVacancy(slot) ? `V${slot.vacancy}` : slot;
}

/** Keys are strings; system keys start with 0xFF. `end: null` means END (no upper bound). */
export interface KeyRange {
  readonly start: string;
  readonly end: string | null;
}

export const SYSTEM_KEY_PREFIX = '\u00ff';

export interface Write {
  readonly key: string;
  readonly value: string;
}

/** One version in a log: the writes of every transaction committed at it (maybe none). */
export interface LogEntry {
  readonly version: Version;
  readonly writes: readonly Write[];
}

/**
 * A version a storage server keeps. When `snapshot` names shards, the writes of those shards are
 * their whole state at this version (every key's last value), and their history below it was
 * compacted away; the writes of other shards are what was written at this version.
 */
export interface StoredEntry extends LogEntry {
  readonly snapshot?: readonly Tag[];
}

/** Replay copies versions in (first, last]; `last` is the recovery version. */
export interface VersionVector {
  readonly first: Version;
  readonly last: Version;
}

/** A log and the sorted tags it carries. */
export interface LogDescriptor<S extends Slot = ServiceId> {
  readonly id: S;
  readonly tags: readonly Tag[];
}

export interface StorageTeam<S = ServiceId> {
  readonly tag: Tag;
  readonly keyRange: KeyRange;
  readonly storageIds: readonly S[];
}

export type ServiceStatus = { readonly up: Pid } | 'down';

export interface ServiceDescriptor {
  readonly id: ServiceId;
  readonly kind: ServiceKind;
  readonly address: ProcessAddress;
  readonly status: ServiceStatus;
}

/** The transaction system layout a director builds and the coordinators publish. */
export interface TransactionSystemLayout {
  readonly id: number;
  readonly epoch: Epoch;
  readonly director: Pid;
  readonly sequencer: Pid;
  readonly proxies: readonly Pid[];
  readonly logs: readonly LogDescriptor[];
  readonly storageTeams: readonly StorageTeam[];
  readonly services: readonly ServiceDescriptor[];
  /** What recovery copied: (first, last]; `last` is rv(epoch). */
  readonly versionVector: VersionVector;
  readonly durableVersion: Version;
}

/** A directory entry: a service the coordinators know of, and where to reach it. */
export interface ServiceEntry {
  readonly id: ServiceId;
  readonly kind: ServiceKind;
  readonly address: ProcessAddress;
}

/** What a log reports when it accepts a lock. */
export interface LogRecoveryInfo {
  readonly kind: 'log';
  readonly oldestVersion: Version;
  readonly lastVersion: Version;
  /**
   * The epoch whose recovery last rebuilt this log (null: never rebuilt). A layout of that epoch
   * may rely on its history, so it is not a spare until a newer layout is published (rule 18).
   */
  readonly recoveredAt: Epoch | null;
}

/** What a storage server reports when it accepts a lock. */
export interface StorageRecoveryInfo {
  readonly kind: 'storage';
  readonly durableVersion: Version;
  readonly oldestDurableVersion: Version;
  /** The shards whose whole history it holds (its durable version says nothing of the others). */
  readonly holds: readonly Tag[];
}

export type RecoveryInfo = LogRecoveryInfo | StorageRecoveryInfo;

/** Node ids sort naturally (n2 before n10), independent of locale. */
export function compareNodeIds(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
