import type { ServiceId, StorageRecoveryInfo, StorageTeam, Tag, Version } from '../types.js';

export type DurableVersionResult =
  | { readonly ok: true; readonly durableVersion: Version; readonly degradedTeams: readonly Tag[] }
  | { readonly ok: false; readonly reason: 'insufficient_replication'; readonly failedTags: readonly Tag[] };

/**
 * Whether a storage server's lock answer speaks for `tag`: it holds that shard's whole history up
 * to its durable version. One that made nothing durable holds every shard's, trivially.
 */
export function holdsShard(info: StorageRecoveryInfo, tag: Tag): boolean {
  return info.durableVersion === 0 || info.holds.includes(tag);
}

/** REF (decision 13): a majority of the team's own size. */
export function storageQuorum(teamSize: number): number {
  return Math.floor(teamSize / 2) + 1;
}

/**
 * §4.5 version determination. Per old team, the q-th highest durable version among members that
 * answered the lock and hold the team's shard (a member whose unlock into this team never came
 * holds none of it, whatever its durable version says); the cluster's durable version is the
 * minimum over teams. A team with fewer than q such answers fails the attempt.
 * `quorumFromReplicationFactor` is mutation F32; `trustMemberHistory`, `trust-member-history`.
 */
export function determineDurableVersion(
  oldTeams: readonly StorageTeam[],
  info: ReadonlyMap<ServiceId, StorageRecoveryInfo>,
  options: { readonly replicationFactor: number; readonly quorumFromReplicationFactor?: boolean; readonly trustMemberHistory?: boolean },
): DurableVersionResult {
  const failed: Tag[] = [];
  const degraded: Tag[] = [];
  let durableVersion = Number.POSITIVE_INFINITY;
  for (const team of oldTeams) {
    const q = storageQuorum(options.quorumFromReplicationFactor === true ? options.replicationFactor : team.storageIds.length);
    const versions = team.storageIds
      .map((id) => info.get(id))
      .filter((i): i is StorageRecoveryInfo => i !== undefined && (options.trustMemberHistory === true || holdsShard(i, team.tag)))
      .map((i) => i.durableVersion)
      .sort((a, b) => a - b);
    if (versions.length < q) {
      failed.push(team.tag);
      continue;
    }
    durableVersion = Math.min(durableVersion, versions[versions.length - q] as Version);
    if (versions.length < team.storageIds.length) degraded.push(team.tag);
  }
  if (failed.length > 0) return { ok: false, reason: 'insufficient_replication', failedTags: failed };
  return { ok: true, durableVersion: Number.isFinite(durableVersion) ? durableVersion : 0, degradedTeams: degraded };
}
