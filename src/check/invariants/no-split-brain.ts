/**
 * no-split-brain (S2, S4, S20, S21): one authority per epoch and no commits outside it.
 * - at most one director is started per epoch, at most one runs per epoch, and at most one
 *   layout is published per epoch;
 * - a director runs only with its layout published, and no client commit is acknowledged in a
 *   generation whose layout is not yet published;
 * - once told `newer_epoch_exists`, a director sends no further lock, create, start, replay,
 *   unlock, commit or publish request;
 * - no version is acknowledged twice with different client transactions, and no generation keeps
 *   acknowledging commits beyond the recovered history of a newer published generation (two
 *   generations serving writes at once).
 * Proven able to fail by `ignore-newer-epoch`, `keep-running-after-fatal`, `ignore-publish-failure`
 * `reuse-epoch-on-restart` and `no-fencing`.
 */
import type { Epoch, Pid } from '../../cluster/types.js';
import { layoutKey } from '../publications.js';
import type { CheckerFactory } from '../types.js';

const PROTOCOL_REQUESTS = new Set(['lock', 'create-worker', 'start-proxy', 'recover-from', 'unlock-storage', 'unlock-proxy', 'commit', 'publish']);

export const noSplitBrain: CheckerFactory = (ctx, { publications, directors }) => {
  const startedBy = new Map<Epoch, { pid: Pid; event: number }>();
  const runningBy = new Map<Epoch, { pid: Pid; event: number }>();
  const publishedBy = new Map<Epoch, { key: string; event: number }>();
  const acked = new Map<number, { txns: string; event: number }>();
  /** Generations already reported for serving beside a newer one (one report each is enough). */
  const staleReported = new Set<Epoch>();
  return {
    observe(r) {
      const p = publications.justPublished;
      if (p !== undefined) {
        const key = layoutKey(p.tsl);
        const prior = publishedBy.get(p.epoch);
        if (prior !== undefined && prior.key !== key) {
          ctx.report({ event: r.i, time: r.t, message: `two different layouts published for epoch ${p.epoch}`, witnesses: [prior.event] });
        } else publishedBy.set(p.epoch, { key, event: r.i });
      }
      switch (r.type) {
        case 'director-started': {
          const prior = startedBy.get(r.epoch);
          if (prior !== undefined) {
            ctx.report({
              event: r.i,
              time: r.t,
              message: `two directors started with epoch ${r.epoch}: ${prior.pid} and ${r.director}`,
              witnesses: [prior.event],
            });
          } else startedBy.set(r.epoch, { pid: r.director, event: r.i });
          return;
        }
        case 'director-running': {
          const prior = runningBy.get(r.epoch);
          if (prior !== undefined && prior.pid !== r.director) {
            ctx.report({ event: r.i, time: r.t, message: `two directors running with epoch ${r.epoch}`, witnesses: [prior.event] });
          }
          runningBy.set(r.epoch, { pid: r.director, event: r.i });
          if (!publications.isPublished(r.epoch)) {
            ctx.report({ event: r.i, time: r.t, message: `${r.director} runs epoch ${r.epoch} although its layout was never published`, witnesses: [] });
          }
          return;
        }
        case 'commit-acked': {
          if (!r.system && !publications.isPublished(r.epoch)) {
            ctx.report({
              event: r.i,
              time: r.t,
              message: `commit at version ${r.version} acknowledged by generation ${r.epoch}, whose layout is not published`,
              witnesses: [],
            });
          }
          // A never-published generation's persistence transaction may be superseded: not a client commit.
          if (r.system) return;
          const newer = publications.all.find((p) => p.epoch > r.epoch && r.version > p.tsl.versionVector.last);
          if (newer !== undefined && !staleReported.has(r.epoch)) {
            staleReported.add(r.epoch);
            ctx.report({
              event: r.i,
              time: r.t,
              message: `generation ${r.epoch} acknowledged version ${r.version} after epoch ${newer.epoch} was published with recovery version ${newer.tsl.versionVector.last}: two generations serving writes`,
              witnesses: [newer.event],
            });
          }
          const txns = r.txns.join(',');
          const prior = acked.get(r.version);
          if (prior !== undefined && prior.txns !== txns) {
            ctx.report({
              event: r.i,
              time: r.t,
              message: `version ${r.version} acknowledged twice with different transactions (generations committing side by side)`,
              witnesses: [prior.event],
            });
          } else acked.set(r.version, { txns, event: r.i });
          return;
        }
        case 'send': {
          const d = directors.get(r.from);
          if (d?.superseded === undefined || !PROTOCOL_REQUESTS.has(r.msg.type)) return;
          ctx.report({
            event: r.i,
            time: r.t,
            message: `${d.pid} (epoch ${d.epoch}) sent '${r.msg.type}' after learning that a newer epoch exists`,
            witnesses: [d.superseded],
          });
          // One report per superseded director is enough to make the point.
          d.superseded = undefined;
          return;
        }
      }
    },
  };
};
