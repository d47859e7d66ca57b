import { SYSTEM_KEY_PREFIX, type KeyRange, type StorageTeam, type Tag, type Write } from '../types.js';

/** The writes among `writes` whose keys fall in one of `shards`' ranges. */
export function writesIn(writes: readonly Write[], shards: readonly { readonly keyRange: KeyRange }[]): Write[] {
  return writes.filter((w) => shards.some((s) => inRange(s.keyRange, w.key)));
}

/** The system shard: keys from 0xFF on. User shards are tags 1..N. */
export const SYSTEM_TAG: Tag = 0;

/** How a new cluster is cut into shards, which logs carry which tags, and how many storage servers serve them. */
export interface ShardShape {
  /** Key ranges of the user shards, in tag order (tag i+1 owns range i); together they cover ["", 0xFF). */
  readonly userRanges: readonly KeyRange[];
  /** Into how many tag groups the tags are dealt; each group gets its own `desiredLogs` logs. */
  readonly logGroups: number;
  /** Storage servers the teams are drawn from (at least R); R of them serve each shard. */
  readonly storageServers: number;
}

/**
 * The user key space cut into `shards` ranges by the workload's keys (`k0000 … k{keySpace-1}`),
 * so each shard gets a fair share of them. One shard is ["", 0xFF), as in Bedrock.
 */
export function userShardRanges(shards: number, keySpace: number): KeyRange[] {
  const n = Math.max(1, Math.floor(shards));
  const bounds = Array.from({ length: n - 1 }, (_, i) => `k${String(Math.floor((keySpace * (i + 1)) / n)).padStart(4, '0')}`);
  const starts = ['', ...bounds];
  return starts.map((start, i) => ({ start, end: bounds[i] ?? SYSTEM_KEY_PREFIX }));
}

/** Deal the tags round-robin into `groups` groups (at most one per tag), each sorted. */
export function dealTags(tags: readonly Tag[], groups: number): Tag[][] {
  const g = Math.max(1, Math.min(Math.floor(groups), tags.length));
  const out: Tag[][] = Array.from({ length: g }, () => []);
  [...tags].sort((a, b) => a - b).forEach((tag, i) => (out[i % g] as Tag[]).push(tag));
  return out;
}

/** Does `key` fall in `range` (start inclusive, end exclusive, a null end is END)? */
export function inRange(range: KeyRange, key: string): boolean {
  return range.start <= key && (range.end === null || key < range.end);
}

/** The tag of the team whose range holds `key` (undefined if none does). */
export function tagOfKey(teams: readonly StorageTeam<unknown>[], key: string): Tag | undefined {
  return teams.find((t) => inRange(t.keyRange, key))?.tag;
}
