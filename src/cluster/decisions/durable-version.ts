import type { ServiceId, StorageRecoveryInfo, StorageTeam, Tag, Version } from '../types.js';

export type DurableVersionResult =
  | { readonly ok: true; readonly durableVersion: Version; readonly degradedTeams: readonly Tag[] }
  | { readonly ok: false; readonly reason: 'insufficient_replication'; readonly failedTags: readonly Tag[] };

/** REF (decision 13): a majority of the team's own size. */
export function storageQuorum(teamSize: number): number {
  return Math.floor(teamSize / 2) + 1;
}

/**
 * §4.5 version determination. Per old team, the q-th highest durable version among members that
 * answered the lock; the cluster's durable version is the minimum over teams. A team with fewer
 * than q answers fails the attempt. `quorumFromReplicationFactor` is mutation F32.
 */
export function determineDurableVersion(
  oldTeams: readonly StorageTeam[],
  info: ReadonlyMap<ServiceId, StorageRecoveryInfo>,
  options: { readonly replicationFactor: number; readonly quorumFromReplicationFactor?: boolean },
): DurableVersionResult {
  const failed: Tag[] = [];
  const degraded: Tag[] = [];
  let durableVersion = Number.POSITIVE_INFINITY;
  for (const team of oldTeams) {
    const q = storageQuorum(options.quorumFromReplicationFactor === true ? options.replicationFactor : team.storageIds.length);
    const versions = team.storageIds
      .map((id) => info.get(id)?.durableVersion)
      .filter((v): v is Version => v !== undefined)
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
