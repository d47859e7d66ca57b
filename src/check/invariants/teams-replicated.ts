/**
 * teams-replicated (§4.4, §4.7, F15, F29): once recovery has completed, every shard is served by at
 * least R live replicas with its whole history. At the end of a run whose liveness was judged, each
 * team of the newest published layout must list at least R members, and at least R of them must
 * be running for that generation (their process alive, their disk unlocked at its epoch) and hold
 * on disk every write the committed history made to their shard up to their durable version (a
 * replacement was back-filled, not started half-way). Members on a node lost for good or wiped
 * after the layout's director started are excused. Proven able to fail by `vacancy-numbering-overlaps` (F15) and `skip-backfill` (F29).
 */
import { nodeOf } from '../../../sim/index.js';
import type { StorageTeam, StoredEntry, Tag, Version } from '../../cluster/types.js';
import { entryAt, writesByShard, type HistoryView } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

/**
 * The first version at or below `durable` where the replica lacks what the committed history wrote
 * to `shard`: at its newest snapshot of the shard it must hold the shard's whole state, and above it
 * every version written.
 */
function firstMissing(applied: readonly StoredEntry[], shard: Tag, teams: readonly StorageTeam[], durable: Version, history: HistoryView): Version | undefined {
  let from = 0;
  for (const r of applied) {
    if (r.snapshot?.includes(shard) !== true || r.version > durable) continue;
    if ((writesByShard(r.writes, teams).get(shard) ?? '[]') !== history.stateAt(shard, r.version, teams)) return r.version;
    from = Math.max(from, r.version);
  }
  for (const v of history.writtenVersions(shard, durable)) {
    if (v <= from) continue;
    const held = entryAt(applied, v);
    if (held === undefined || writesByShard(held.writes, teams).get(shard) !== history.shardWritesAt(v, shard)) return v;
  }
  return undefined;
}

export const teamsReplicated: CheckerFactory = (ctx, facts) => {
  let judge = false;
  return {
    checkpoint() {
      judge = true;
    },
    finish(time) {
      const latest = facts.publications.latest();
      if (!judge || latest === undefined) return;
      const at = ctx.position();
      const r = ctx.settings.replicationFactorAt(latest.time);
      // A member lost once the layout's director had started was locked before it went (one lost
      // earlier could not have answered): storage is not watched (§4.14), so it stays until the
      // next recovery replaces it.
      const since = facts.directors.get(latest.tsl.director)?.startedAt ?? latest.time;
      const excused = new Set(facts.lost.list().filter((l) => l.atUs > since).map((l) => l.node));
      const history = facts.history.view();
      for (const team of latest.tsl.storageTeams) {
        if (team.storageIds.length < r) {
          ctx.report({ event: at.event, time, message: `shard ${team.tag} of epoch ${latest.epoch} has ${team.storageIds.length} members, fewer than R = ${r}`, witnesses: [latest.event] });
          continue;
        }
        const problems: string[] = [];
        let good = 0;
        for (const id of team.storageIds) {
          const address = latest.tsl.services.find((s) => s.id === id)?.address;
          if (address !== undefined && excused.has(nodeOf(address))) {
            good++;
            continue;
          }
          const disk = ctx.truth.storage(id);
          if (disk === undefined || address === undefined || !ctx.alive(address)) {
            problems.push(`${id} is not running`);
            continue;
          }
          if (!disk.running || disk.epoch !== latest.epoch) {
            problems.push(`${id} is not serving epoch ${latest.epoch} (locked at ${disk.epoch ?? 'none'}${disk.running ? '' : ', not unlocked'})`);
            continue;
          }
          const gap = firstMissing(disk.applied, team.tag, latest.tsl.storageTeams, disk.durableVersion, history);
          if (gap !== undefined) {
            problems.push(`${id} lacks shard ${team.tag}'s writes at version ${gap}, below its durable version ${disk.durableVersion} (never back-filled)`);
            continue;
          }
          good++;
        }
        if (good < r) {
          ctx.report({
            event: at.event,
            time,
            message: `shard ${team.tag} of epoch ${latest.epoch} has ${good} live replicas with its whole history, fewer than R = ${r}: ${problems.join('; ')}`,
            witnesses: [latest.event],
          });
        }
      }
    },
  };
};
