import { SYSTEM_KEY_PREFIX, type LogDescriptor, type Slot, type StorageTeam, type Tag } from '../types.js';
import { dealTags, SYSTEM_TAG, type ShardShape } from './shards.js';

export { SYSTEM_TAG } from './shards.js';

/** The shape a recovery attempt fills in: logs and teams whose slots may still be vacancies. */
export interface PlannedLayout {
  readonly logs: readonly LogDescriptor<Slot>[];
  readonly storageTeams: readonly StorageTeam<Slot>[];
}

/** Bedrock's single user shard. */
export const USER_TAG: Tag = 1;

const ONE_SHARD: ShardShape = { userRanges: [{ start: '', end: SYSTEM_KEY_PREFIX }], logGroups: 1, storageServers: 0 };

/**
 * How many logs and storage servers `initialLayout` creates for these settings, without building
 * it: `desiredLogs` per tag group (the system tag and each user shard dealt into at most that many
 * groups), and a pool of R or `storageServers` storage servers, whichever is larger.
 */
export function newClusterSize(p: {
  readonly desiredLogs: number;
  readonly replicationFactor: number;
  readonly shards: number;
  readonly logGroups: number;
  readonly storageServers: number;
}): { readonly logs: number; readonly storage: number } {
  const tags = 1 + Math.max(1, Math.floor(p.shards));
  const groups = Math.max(1, Math.min(Math.floor(p.logGroups), tags));
  return { logs: p.desiredLogs * groups, storage: Math.max(p.replicationFactor, p.storageServers) };
}

/**
 * §4.2, a brand-new cluster: a system team ([0xFF, END), tag 0) and one team per user shard (tags
 * 1..N), each with R members drawn round-robin from a pool of `storageServers` vacancies (so with
 * a pool of exactly R, every team holds the same R vacancies, as in Bedrock); and `desiredLogs` log
 * vacancies per tag group. With one user shard and one group, every log carries [0, 1].
 */
export function initialLayout(desiredLogs: number, replicationFactor: number, shape: ShardShape = ONE_SHARD): PlannedLayout {
  const tags: Tag[] = [SYSTEM_TAG, ...shape.userRanges.map((_, i) => i + 1)];
  const groups = dealTags(tags, shape.logGroups);
  let n = 1;
  const logs: LogDescriptor<Slot>[] = [];
  for (const group of groups) for (let i = 0; i < desiredLogs; i++) logs.push({ id: { vacancy: n++ }, tags: group });

  const pool = Math.max(replicationFactor, shape.storageServers);
  const membersOf = (teamIndex: number): Slot[] =>
    Array.from({ length: Math.min(replicationFactor, pool) }, (_, j) => ({ vacancy: ((teamIndex + j) % pool) + 1 })).sort(
      (a, b) => a.vacancy - b.vacancy,
    );
  const storageTeams: StorageTeam<Slot>[] = [
    { tag: SYSTEM_TAG, keyRange: { start: SYSTEM_KEY_PREFIX, end: null }, storageIds: membersOf(0) },
    ...shape.userRanges.map((keyRange, i) => ({ tag: i + 1, keyRange, storageIds: membersOf(i + 1) })),
  ];
  return { logs, storageTeams };
}
