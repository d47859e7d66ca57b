/**
 * no-split-brain (S2, S4, S20, S21): one authority per epoch, and no commits outside it.
 * - at most one director process is started per epoch, and at most one layout is published per
 *   epoch (a majority of coordinators holding it on disk);
 * - once the kernel has delivered a director a newer_epoch_exists answer it was waiting for, the
 *   director sends no further lock, create, start, replay, unlock, commit or publish request;
 * - from what the clients were told: no version is acknowledged by two generations, and no
 *   generation acknowledges a version above the recovered history of a newer published one (two
 *   generations serving writes at once).
 * Proven able to fail by `ignore-newer-epoch`, `keep-running-after-fatal`, `reuse-epoch-on-restart`
 * and `no-fencing`.
 */
import type { Epoch, Pid } from '../../cluster/types.js';
import { isDirectorName } from '../../cluster/names.js';
import { layoutKey } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

const PROTOCOL_REQUESTS = new Set(['lock', 'create-worker', 'start-proxy', 'recover-from', 'unlock-storage', 'unlock-proxy', 'commit', 'publish']);

export const noSplitBrain: CheckerFactory = (ctx, facts) => {
  const startedBy = new Map<Epoch, { pid: Pid; event: number }>();
  const publishedBy = new Map<Epoch, { key: string; event: number }>();
  const ackedBy = new Map<number, { epoch: Epoch; event: number }>();
  /** Generations already reported for serving beside a newer one (one report each is enough). */
  const staleReported = new Set<Epoch>();
  const quietedReported = new Set<Pid>();

  const checkPublication = (): void => {
    const p = facts.publications.justPublished;
    if (p === undefined) return;
    const key = layoutKey(p.tsl);
    const prior = publishedBy.get(p.epoch);
    if (prior !== undefined && prior.key !== key) {
      const at = ctx.position();
      ctx.report({ event: at.event, time: at.time, message: `two different layouts published for epoch ${p.epoch}`, witnesses: [prior.event] });
    } else publishedBy.set(p.epoch, { key, event: p.event });
  };

  return {
    observes: ['send'],
    reads: (m) => PROTOCOL_REQUESTS.has(m.type) && isDirectorName(m.from),
    delivered() {
      checkPublication();
    },
    observe(r) {
      checkPublication();
      const started = facts.directors.justStarted;
      if (started !== undefined) {
        const prior = startedBy.get(started.epoch);
        if (prior !== undefined) {
          ctx.report({ event: r.i, time: r.t, message: `two directors started with epoch ${started.epoch}: ${prior.pid} and ${started.pid}`, witnesses: [prior.event] });
        } else startedBy.set(started.epoch, { pid: started.pid, event: r.i });
      }
      const ack = facts.client.justAcked;
      if (ack !== undefined) {
        const newer = facts.publications.all.find((p) => p.epoch > ack.epoch && ack.version > p.tsl.versionVector.last);
        if (newer !== undefined && !staleReported.has(ack.epoch)) {
          staleReported.add(ack.epoch);
          ctx.report({
            event: r.i,
            time: r.t,
            message: `generation ${ack.epoch} acknowledged version ${ack.version} to a client after epoch ${newer.epoch} was published with recovery version ${newer.tsl.versionVector.last}: two generations serving writes`,
            witnesses: [newer.event],
          });
        }
        const prior = ackedBy.get(ack.version);
        if (prior !== undefined && prior.epoch !== ack.epoch) {
          ctx.report({
            event: r.i,
            time: r.t,
            message: `version ${ack.version} was acknowledged to clients by generation ${prior.epoch} and by generation ${ack.epoch}`,
            witnesses: [prior.event],
          });
        } else ackedBy.set(ack.version, { epoch: ack.epoch, event: r.i });
        return;
      }
      if (r.type !== 'send' || !PROTOCOL_REQUESTS.has(r.msg.type)) return;
      const d = facts.directors.get(r.from);
      if (d?.superseded === undefined || quietedReported.has(d.pid)) return;
      quietedReported.add(d.pid);
      ctx.report({
        event: r.i,
        time: r.t,
        message: `${d.pid} (epoch ${d.epoch}) sent '${r.msg.type}' after newer_epoch_exists reached it`,
        witnesses: [d.superseded],
      });
    },
  };
};
