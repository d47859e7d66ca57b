import { ms, type CallResult } from '../../../../sim/index.js';
import { mutated, reached } from '../../config.js';
import { pairReplayByTag, type ReplayPair } from '../../decisions/replay.js';
import type { NewerEpochExists } from '../../messages.js';
import { isVacancy, type LogDescriptor, type ServiceId, type Slot, type StorageTeam, type Tag } from '../../types.js';
import { supersededBy } from '../newer-epoch.js';
import { stalled, type Phase, type Recovery } from '../state.js';

/**
 * §4.8: every new log copies (first, last] from an old log of the chosen quorum, cycling over
 * them; a brand-new cluster's logs just start at version 0. A replay that times out ends the
 * director (Bedrock's parallel-task crash), so the next epoch starts clean.
 */
/** The storage teams of `tags`, as the new layout has them (vacancies are filled by now). */
function teamsOf(tags: readonly Tag[], teams: readonly StorageTeam<Slot>[]): { tag: Tag; storageIds: ServiceId[] }[] {
  return tags.map((tag) => ({ tag, storageIds: (teams.find((t) => t.tag === tag)?.storageIds ?? []).filter((s): s is ServiceId => !isVacancy(s)) }));
}

export function* logReplay(r: Recovery): Phase {
  const { ctx, d, a } = r;
  const newLogs = a.layout.logs.filter((l): l is LogDescriptor => !isVacancy(l.id));
  // F25: with nothing to copy, the new logs are never told to start (they stay locked).
  if (a.oldLogIdsToCopy.length === 0 && newLogs.length > 0) reached(d.config, 'skip-new-log-replay');
  if (a.oldLogIdsToCopy.length === 0 && mutated(d.config, 'skip-new-log-replay')) return undefined;
  const copyFrom = (d.oldTsl?.logs ?? []).filter((l) => a.oldLogIdsToCopy.includes(l.id));
  const byTag = pairReplayByTag(newLogs, copyFrom);
  const ignoringTags = pairReplayByTag(newLogs, copyFrom, true);
  if (JSON.stringify(ignoringTags) !== JSON.stringify(byTag)) reached(d.config, 'replay-ignores-tags');
  const planned = mutated(d.config, 'replay-ignores-tags') ? ignoringTags : byTag;
  const orphan = planned.find((p) => p.source === undefined);
  if (orphan !== undefined) return stalled('failed_to_copy_some_logs', `no old log of ${orphan.target}'s tags to copy from`);
  const pairs = planned as ReplayPair[];
  ctx.emit({ type: 'replay-planned', director: ctx.pid, epoch: d.epoch, pairs });
  const requests = [];
  for (const pair of pairs) {
    const target = a.locked.get(pair.target);
    const source = pair.source === null ? null : a.locked.get(pair.source);
    if (target === undefined) return stalled('failed_to_copy_some_logs', `${pair.target} is not locked`);
    if (source === undefined) return stalled('failed_to_copy_some_logs', `${pair.source ?? '?'} is not locked`);
    requests.push({
      to: target.pid,
      msg: {
        type: 'recover-from',
        epoch: d.epoch,
        director: ctx.pid,
        source: source?.pid ?? null,
        first: a.versionVector.first,
        last: a.versionVector.last,
        teams: teamsOf(newLogs.find((l) => l.id === pair.target)?.tags ?? [], a.layout.storageTeams),
      },
    });
  }
  const results: CallResult[] = yield* ctx.callAll(requests, {
    timeout: ms(d.params.parallelTaskTimeoutMs),
    until: (res) => res.ok && res.reply.type === 'newer-epoch-exists',
  });
  const failures: string[] = [];
  for (let i = 0; i < results.length; i++) {
    const res = results[i] as CallResult;
    const target = (pairs[i] as { target: ServiceId }).target;
    if (res.ok && res.reply.type === 'newer-epoch-exists') return supersededBy(r, target, (res.reply as NewerEpochExists).epoch);
    if (!res.ok && res.reason === 'timeout') return { kind: 'exit', reason: 'replay_timeout' };
    if (!res.ok || res.reply.type !== 'recover-ok') failures.push(`${target}: ${res.ok ? String(res.reply['reason'] ?? res.reply.type) : res.reason}`);
  }
  if (failures.length > 0) return stalled('failed_to_copy_some_logs', failures.join('; '));
  return undefined;
}
