import { determineDurableVersion, holdsShard, storageQuorum } from '../../decisions/durable-version.js';
import { planLogRecovery } from '../../decisions/log-planning.js';
import { createVacancies } from '../../decisions/vacancies.js';
import { mutated, reached } from '../../config.js';
import { stalled, type Outcome, type Recovery } from '../state.js';

/** §4.3: which old logs to copy and the recovery version, from a quorum of each shard. */
export function logRecoveryPlanning(r: Recovery): Outcome | undefined {
  const { ctx, d, a } = r;
  // The moment F24 acts on: an old log answered an earlier attempt of this director, not this one.
  const earlier = d.previousAttempt?.logInfo;
  if (earlier !== undefined && (d.oldTsl?.logs ?? []).some((l) => earlier.has(l.id) && !a.logInfo.has(l.id))) reached(d.config, 'carry-over-attempt-state');
  const plan = planLogRecovery(d.oldTsl?.logs ?? [], a.logInfo);
  if (!plan.ok) return stalled('unable_to_meet_log_quorum', plan.tag !== null ? `shard ${plan.tag}` : (d.oldTsl?.logs.length ?? 0) === 0 ? 'old layout has no logs' : 'the shards\' version ranges do not overlap');
  a.oldLogIdsToCopy = plan.oldLogIdsToCopy;
  a.versionVector = plan.versionVector;
  ctx.emit({ type: 'log-plan', director: ctx.pid, epoch: d.epoch, copyFrom: plan.oldLogIdsToCopy, versionVector: plan.versionVector });
  return undefined;
}

/**
 * §4.4: a fresh set of log vacancies; storage teams keep the members that answered the lock, and a
 * team short of R gets vacancies. F15 and F16 use Bedrock's roster algorithm instead.
 */
export function vacancyCreation(r: Recovery): Outcome | undefined {
  const { d, a } = r;
  if (d.oldTsl === null) return stalled('corrupted_tsl', 'no old layout on the data path');
  const members = new Set(d.oldTsl.storageTeams.flatMap((t) => t.storageIds));
  // `keep-unreachable-members`: the notes' rule, every old member stays.
  const missing = new Set([...members].filter((id) => !a.locked.has(id)));
  if (missing.size > 0) reached(d.config, 'keep-unreachable-members');
  const unreachable = mutated(d.config, 'keep-unreachable-members') ? new Set<string>() : missing;
  // The three rules' layouts, the moment of a switch being where its rule would fill differently.
  const old = d.oldTsl;
  const layoutBy = (asIs?: 'F15' | 'F16') => createVacancies(old, d.params.desiredLogs, d.replicationFactor, { unreachable, ...(asIs !== undefined ? { asIs } : {}) });
  const ref = layoutBy();
  const f15 = layoutBy('F15');
  const f16 = layoutBy('F16');
  const json = JSON.stringify(ref);
  if (JSON.stringify(f15) !== json) reached(d.config, 'vacancy-numbering-overlaps');
  if (JSON.stringify(f16) !== json) reached(d.config, 'roster-replaces-team');
  a.layout = mutated(d.config, 'vacancy-numbering-overlaps') ? f15 : mutated(d.config, 'roster-replaces-team') ? f16 : ref;
  return undefined;
}

/** §4.5: the storage durable version from a majority of each old team. */
export function versionDetermination(r: Recovery): Outcome | undefined {
  const { ctx, d, a } = r;
  if ((d.oldTsl?.storageTeams ?? []).some((t) => storageQuorum(t.storageIds.length) !== storageQuorum(d.replicationFactor))) reached(d.config, 'quorum-from-replication-factor');
  const oldTeams = d.oldTsl?.storageTeams ?? [];
  // The moment trust-member-history acts on: an old member answered without its team's shard.
  const lacksShard = (id: string, tag: number): boolean => {
    const info = a.storageInfo.get(id);
    return info !== undefined && !holdsShard(info, tag);
  };
  if (oldTeams.some((t) => t.storageIds.some((id) => lacksShard(id, t.tag)))) reached(d.config, 'trust-member-history');
  const result = determineDurableVersion(oldTeams, a.storageInfo, {
    replicationFactor: d.replicationFactor,
    quorumFromReplicationFactor: mutated(d.config, 'quorum-from-replication-factor'),
    trustMemberHistory: mutated(d.config, 'trust-member-history'),
  });
  if (!result.ok) return stalled('insufficient_replication', `teams ${result.failedTags.join(',')}`);
  a.durableVersion = result.durableVersion;
  ctx.emit({ type: 'durable-version', director: ctx.pid, epoch: d.epoch, durableVersion: result.durableVersion });
  return undefined;
}
