/**
 * no-acked-commit-lost (S12, S13, S14): every acknowledged commit survives into every later published
 * generation, and recovery keeps nothing above its recovery version: right after replay a new log
 * holds exactly (first, rv], and right after unlock a storage server holds nothing above rv. When TSL_e is published, each commit acknowledged by an earlier generation must be
 * at or below e's recovery version, and every log of TSL_e must hold that version with the same
 * writes. A commit acknowledged by an old generation after a newer one was published must also be
 * within the newer one's recovered history. Persistence (system) transactions count only for
 * generations that were published. Proven able to fail by `no-fencing` (F9),
 * `majority-log-ack` (F8), `new-cluster-if-nothing-locked` (F4), `start-before-promise` (F7) and
 * `truncate-at-durable-version` (F28).
 */
import type { Epoch, Version, Write } from '../../cluster/types.js';
import type { Publication } from '../publications.js';
import type { CheckerFactory, Rec } from '../types.js';

interface Acked {
  readonly system: boolean;
  readonly epoch: Epoch;
  readonly version: Version;
  readonly writes: string;
  readonly event: number;
}

const encode = (writes: readonly Write[]): string => JSON.stringify(writes);

export const noAckedCommitLost: CheckerFactory = (ctx, { publications }) => {
  const acked: Acked[] = [];
  const lost = new Set<number>();

  const lose = (r: Rec, a: Acked, message: string, witness: number): void => {
    if (lost.has(a.event)) return;
    lost.add(a.event);
    ctx.report({ event: r.i, time: r.t, message, witnesses: [a.event, witness] });
  };

  const checkPublication = (r: Rec, p: Publication): void => {
    const rv = p.tsl.versionVector.last;
    // Each new log's entries by version, read once for this publication.
    const logs = p.tsl.logs.map((log) => ({
      id: log.id,
      writesAt: new Map((ctx.truth.logEntries(log.id) ?? []).map((e) => [e.version, e.writes])),
    }));
    for (const a of acked) {
      if (a.epoch >= p.epoch) continue;
      // A persistence transaction matters only if its generation was published.
      if (a.system && !publications.isPublished(a.epoch)) continue;
      if (a.version > rv) {
        lose(r, a, `commit at version ${a.version} (generation ${a.epoch}) is above the recovery version ${rv} of published epoch ${p.epoch}: lost`, p.event);
        continue;
      }
      for (const log of logs) {
        const writes = log.writesAt.get(a.version);
        if (writes === undefined) {
          lose(r, a, `commit at version ${a.version} (generation ${a.epoch}) is missing from log ${log.id} of published epoch ${p.epoch}`, p.event);
          break;
        }
        if (encode(writes) !== a.writes) {
          lose(r, a, `log ${log.id} of epoch ${p.epoch} holds different writes at acknowledged version ${a.version}`, p.event);
          break;
        }
      }
    }
  };

  return {
    observe(r) {
      if (publications.justPublished !== undefined) checkPublication(r, publications.justPublished);
      if (r.type === 'log-recovered') {
        const entries = ctx.truth.logEntries(r.log) ?? [];
        const bottom = entries[0]?.version;
        const top = entries[entries.length - 1]?.version;
        if (bottom !== r.first || top !== r.last) {
          ctx.report({ event: r.i, time: r.t, message: `log ${r.log} holds versions ${bottom}..${top} after replaying (${r.first}, ${r.last}]`, witnesses: [] });
        }
        return;
      }
      if (r.type === 'storage-unlocked') {
        const above = (ctx.truth.storageApplied(r.storage) ?? []).find((e) => e.version > r.recoveryVersion);
        if (above !== undefined) {
          ctx.report({
            event: r.i,
            time: r.t,
            message: `storage ${r.storage} kept version ${above.version}, above the recovery version ${r.recoveryVersion}: a write that was never committed survived recovery`,
            witnesses: [],
          });
        }
        return;
      }
      if (r.type !== 'commit-acked') return;
      const a: Acked = { system: r.system, epoch: r.epoch, version: r.version, writes: encode(r.writes), event: r.i };
      acked.push(a);
      if (a.system) return;
      for (const p of publications.all) {
        if (p.epoch > a.epoch && a.version > p.tsl.versionVector.last) {
          lose(r, a, `generation ${a.epoch} acknowledged version ${a.version} after epoch ${p.epoch} was published with recovery version ${p.tsl.versionVector.last}: lost`, p.event);
          break;
        }
      }
    },
  };
};
