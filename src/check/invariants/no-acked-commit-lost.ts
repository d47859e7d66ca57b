/**
 * no-acked-commit-lost (S12, S13): every commit a client was told is committed survives, with the
 * same writes, into every later published generation, and published history is never rewritten.
 * When a majority of coordinators hold TSL_e, each commit acknowledged to a client by an earlier
 * generation must be at or below e's recovery version and, with its writes, in the committed
 * history (read from the logs' disks as it is written, since logs pop what every storage replica
 * has made durable, and fixed again by TSL_e's logs); a commit acknowledged by an old generation after a newer one was
 * published must be within the newer one's recovered history; and what TSL_e's logs hold at
 * versions an earlier publication fixed must be unchanged. Proven able to fail by `no-fencing`
 * (F9), `majority-log-ack` (F8), `new-cluster-if-nothing-locked` (F4), `start-before-promise` (F7)
 * and `reuse-logs-of-accepted-layout` (rule 18).
 */
import type { Write } from '../../cluster/types.js';
import { shardOf, type ClientAck, type Publication } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

const contains = (writes: readonly Write[], wanted: readonly Write[]): boolean =>
  wanted.every((w) => writes.some((x) => x.key === w.key && x.value === w.value));

export const noAckedCommitLost: CheckerFactory = (ctx, facts) => {
  const lost = new Set<number>();

  const lose = (a: ClientAck, message: string, witness: number): void => {
    if (lost.has(a.event)) return;
    lost.add(a.event);
    const at = ctx.position();
    ctx.report({ event: at.event, time: at.time, message, witnesses: [a.event, witness] });
  };

  const checkPublication = (p: Publication): void => {
    const at = ctx.position();
    for (const problem of facts.history.problems) ctx.report({ event: at.event, time: at.time, ...problem });
    const rv = p.tsl.versionVector.last;
    const history = facts.history.view();
    for (const a of facts.client.acks) {
      if (a.epoch >= p.epoch) continue;
      if (a.version > rv) {
        lose(a, `commit ${a.txn} acknowledged at version ${a.version} (generation ${a.epoch}) is above the recovery version ${rv} of published epoch ${p.epoch}: lost`, p.event);
        continue;
      }
      // The committed history (read from the logs of each generation, and fixed again by this
      // publication's logs) must hold the commit's writes at its version, in its shards.
      for (const w of a.writes) {
        const shard = shardOf(p.tsl.storageTeams, w.key) ?? -1;
        const held = history.shardWritesAt(a.version, shard);
        if (held === undefined || !contains(JSON.parse(held) as Write[], [w])) {
          lose(a, `commit ${a.txn} acknowledged at version ${a.version} (generation ${a.epoch}) is not in the history published by epoch ${p.epoch}: its logs hold ${held ?? 'nothing'} there for shard ${shard}`, p.event);
          break;
        }
      }
    }
  };

  return {
    delivered() {
      const p = facts.publications.justPublished;
      if (p !== undefined) checkPublication(p);
    },
    observe() {
      const p = facts.publications.justPublished;
      if (p !== undefined) checkPublication(p);
      const a = facts.client.justAcked;
      if (a === undefined) return;
      for (const q of facts.publications.all) {
        if (q.epoch > a.epoch && a.version > q.tsl.versionVector.last) {
          lose(a, `generation ${a.epoch} acknowledged commit ${a.txn} at version ${a.version} after epoch ${q.epoch} was published with recovery version ${q.tsl.versionVector.last}: lost`, q.event);
          break;
        }
      }
    },
  };
};
