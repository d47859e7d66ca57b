/**
 * no-acked-commit-lost (S12, S13): every commit a client was told is committed survives, with the
 * same writes, into every later published generation, and published history is never rewritten.
 * Each acknowledged commit must be, with its writes, in the committed history (read from what
 * every log of the newest layout holds on disk at each sync, and fixed again by each publication's
 * logs), judged as soon as the history reaches its version (below its top it never changes); when
 * a majority of coordinators hold TSL_e, every commit an earlier generation acknowledged must be at
 * or below e's recovery version; a commit acknowledged by an old generation after a newer one was
 * published must be within the newer one's recovered history; and what TSL_e's logs hold at
 * versions an earlier publication fixed must be unchanged. Proven able to fail by `no-fencing`
 * (F9), `majority-log-ack` (F8), `new-cluster-if-nothing-locked` (F4), `start-before-promise` (F7),
 * `reuse-logs-of-accepted-layout` (rule 18) and `ack-before-sync`.
 */
import type { Write } from '../../cluster/types.js';
import { shardOf, type ClientAck, type Publication } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

const contains = (writes: readonly Write[], wanted: readonly Write[]): boolean =>
  wanted.every((w) => writes.some((x) => x.key === w.key && x.value === w.value));

/** An acknowledged commit already found in the committed history: only what later checks need. */
interface Settled {
  readonly txn: string;
  readonly epoch: number;
  readonly version: number;
  readonly event: number;
}

export const noAckedCommitLost: CheckerFactory = (ctx, facts) => {
  const lost = new Set<number>();
  /** Acknowledged commits the committed history does not reach yet. */
  let pending: ClientAck[] = [];
  /** Acknowledged commits found in it (the history never changes below its top). */
  const settled: Settled[] = [];

  const lose = (a: Settled, message: string, witness: number): void => {
    if (lost.has(a.event)) return;
    lost.add(a.event);
    const at = ctx.position();
    ctx.report({ event: at.event, time: at.time, message, witnesses: [a.event, witness] });
  };

  /** Compare the acknowledged commits the history now reaches with it. */
  const settle = (): void => {
    const top = facts.history.fixedUpTo;
    if (pending.length === 0 || !pending.some((a) => a.version <= top)) return;
    const latest = facts.publications.latest();
    if (latest === undefined) return;
    const history = facts.history.view();
    const still: ClientAck[] = [];
    for (const a of pending) {
      if (a.version > top) {
        still.push(a);
        continue;
      }
      let missing: { shard: number; held: string } | undefined;
      for (const w of a.writes) {
        const shard = shardOf(latest.tsl.storageTeams, w.key) ?? -1;
        const writes = history.shardWriteListAt(a.version, shard) ?? [];
        if (!contains(writes, [w])) {
          missing = { shard, held: history.shardWritesAt(a.version, shard) ?? '[]' };
          break;
        }
      }
      if (missing !== undefined) {
        lose(a, `commit ${a.txn} acknowledged at version ${a.version} (generation ${a.epoch}) is not in the committed history: the logs hold ${missing.held} there for shard ${missing.shard}`, latest.event);
      }
      settled.push({ txn: a.txn, epoch: a.epoch, version: a.version, event: a.event });
    }
    pending = still;
  };

  const checkPublication = (p: Publication): void => {
    const at = ctx.position();
    for (const problem of facts.history.problems) ctx.report({ event: at.event, time: at.time, ...problem });
    settle();
    const rv = p.tsl.versionVector.last;
    for (const a of [...settled, ...pending]) {
      if (a.epoch >= p.epoch) continue;
      if (a.version > rv) {
        lose(a, `commit ${a.txn} acknowledged at version ${a.version} (generation ${a.epoch}) is above the recovery version ${rv} of published epoch ${p.epoch}: lost`, p.event);
      }
    }
    // Below the recovery version, yet beyond what the publication's logs hold.
    for (const a of pending) {
      if (a.epoch < p.epoch && a.version <= rv) {
        lose(a, `commit ${a.txn} acknowledged at version ${a.version} (generation ${a.epoch}) is not in the history published by epoch ${p.epoch}: its logs hold nothing there`, p.event);
      }
    }
  };

  const step = (): void => {
    const p = facts.publications.justPublished;
    if (p !== undefined) checkPublication(p);
    else if (pending.length > 0 && (pending[0] as ClientAck).version <= facts.history.fixedUpTo) settle();
  };

  return {
    delivered: step,
    observe() {
      step();
      const a = facts.client.justAcked;
      if (a === undefined) return;
      for (const q of facts.publications.all) {
        if (q.epoch > a.epoch && a.version > q.tsl.versionVector.last) {
          lose(a, `generation ${a.epoch} acknowledged commit ${a.txn} at version ${a.version} after epoch ${q.epoch} was published with recovery version ${q.tsl.versionVector.last}: lost`, q.event);
          break;
        }
      }
      pending.push(a);
      settle();
    },
    finish() {
      settle();
    },
  };
};
