/**
 * storage-consistent (S12, S14, rule 19): every storage replica's history is the committed
 * history. At every publication and at the end of the run, every member of every team of the
 * newest published layout, including members marked down, must hold on disk, at every version it
 * has applied, exactly the writes committed at that version to each shard it serves, and of a
 * shard it served once only writes committed there; a snapshot it compacted its history into
 * must be exactly the shard's committed state at its version: the history publications fixed, or
 * beyond the newest one, what every log of the newest layout holds. So no replica keeps a version
 * that a recovery discarded, or history of an attempt that was never published. Every other
 * storage server (one left out of the teams, still serving the generation it knew) must hold only
 * committed writes wherever no recovery that recruits it could take them back: at the versions
 * the history has fixed, up to its own durable version. Proven able to fail by
 * `unlock-storage-before-publish`, `apply-uncommitted`, `truncate-at-durable-version` and
 * `serve-other-generation-pulls`.
 */
import type { LogEntry, ServiceId, StoredEntry } from '../../cluster/types.js';
import { writesByShard, type HistoryView, type Publication } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

interface Verified {
  readonly length: number;
  readonly last: LogEntry | undefined;
}

export const storageConsistent: CheckerFactory = (ctx, facts) => {
  /** Per replica: how much of its history is known to match the fixed history (members and others apart: a member is judged more strictly). */
  const verified = { member: new Map<ServiceId, Verified>(), other: new Map<ServiceId, Verified>() };
  const reported = new Set<ServiceId>();

  /**
   * Judge `id`'s applied history from where it was last known good. A server in no team of the
   * newest layout is judged only where no recovery that recruits it can take a version back: up
   * to its own durable version and the fixed history (a recruiting lock truncates above the lower
   * of its durable version and the recovery version), and only on the shards it holds writes of.
   */
  const judgeOne = (id: ServiceId, member: boolean, latest: Publication, view: HistoryView): void => {
    const cache = member ? verified.member : verified.other;
    const applied = ctx.truth.storage(id)?.applied ?? [];
    const known = cache.get(id);
    let from = 0;
    if (known !== undefined && applied.length >= known.length && applied[known.length - 1] === known.last) from = known.length;
    const kept = member ? Infinity : Math.min(view.top, ctx.truth.storageState(id)?.durableVersion ?? 0);
    let good = from;
    for (let i = from; i < applied.length; i++) {
      const entry = applied[i] as LogEntry;
      if (entry.version > kept) break;
      const problem = compare(id, entry, view, latest);
      if (problem !== undefined) {
        reported.add(id);
        const at = ctx.position();
        ctx.report({ event: at.event, time: at.time, message: problem, witnesses: [latest.event] });
        break;
      }
      if (entry.version <= facts.history.fixedUpTo) good = i + 1;
    }
    if (good > 0) cache.set(id, { length: good, last: applied[good - 1] });
  };

  const judge = (latest: Publication, view: HistoryView): void => {
    const members = new Set(latest.tsl.storageTeams.flatMap((t) => t.storageIds));
    for (const id of [...members].sort()) if (!reported.has(id)) judgeOne(id, true, latest, view);
    // Rule 19 beyond the teams: a server no director could lock, still serving the generation it
    // knew, must not take in history that was never committed (a later recovery may recruit it).
    for (const id of facts.services.ids('storage')) if (!members.has(id) && !reported.has(id)) judgeOne(id, false, latest, view);
  };

  const atPublication = (): void => {
    const p = facts.publications.justPublished;
    if (p !== undefined) judge(p, facts.history.view());
  };

  return {
    delivered: atPublication,
    observe: atPublication,
    finish() {
      const latest = facts.publications.latest();
      if (latest !== undefined) judge(latest, facts.history.view());
    },
  };
};

function compare(id: ServiceId, entry: StoredEntry, view: HistoryView, latest: Publication): string | undefined {
  const shards = latest.tsl.storageTeams.filter((t) => t.storageIds.includes(id)).map((t) => t.tag);
  const held = writesByShard(entry.writes, latest.tsl.storageTeams);
  // A snapshot (compacted history) must be exactly the shard's committed state at its version.
  for (const shard of entry.snapshot ?? []) {
    if (entry.version > view.top) return `storage ${id} holds a snapshot of shard ${shard} at version ${entry.version}, which is not committed (the committed history ends at ${view.top})`;
    const state = view.stateAt(shard, entry.version, latest.tsl.storageTeams);
    const mine = held.get(shard) ?? '[]';
    if (state !== mine) return `storage ${id} holds as shard ${shard}'s state at version ${entry.version} ${mine}, but the committed state there is ${state}`;
    held.delete(shard);
  }
  // Writes of a shard it served once and no longer does are never read, but they must still have
  // been committed: a replica may keep an old shard's history, never a history that did not happen.
  for (const [shard, json] of held) {
    if (shards.includes(shard)) continue;
    const committed = view.shardWritesAt(entry.version, shard);
    if (committed !== json) {
      return `storage ${id} holds at version ${entry.version} writes of shard ${shard} (which it does not serve in epoch ${latest.epoch}) that were not committed there: ${json}, committed ${committed ?? 'nothing (the version is not committed)'}`;
    }
  }
  for (const shard of shards) {
    if (entry.snapshot?.includes(shard) === true) continue;
    const committed = view.shardWritesAt(entry.version, shard);
    const mine = held.get(shard) ?? '[]';
    if (committed === undefined) {
      return `storage ${id} (shard ${shard} in epoch ${latest.epoch}) holds version ${entry.version}, which is not committed (the committed history ends at ${view.top}): ${mine}`;
    }
    if (committed !== mine) {
      return `storage ${id} (shard ${shard} in epoch ${latest.epoch}) holds at version ${entry.version} ${mine}, but the committed history has ${committed}`;
    }
  }
  return undefined;
}
