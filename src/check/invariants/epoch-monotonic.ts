/**
 * epoch-monotonic (S1, S3, S22): epochs only go up. No epoch is given to two directors; each
 * director's epoch is above the layout it recovers from; published layouts follow one another in
 * rising epochs; a service never accepts a lock below one it accepted; a coordinator's epoch never
 * falls. (S1's "directors start in rising epoch order" is read causally: with asynchronous ballots a
 * superseded term's director may start late, but it can never publish.) Proven able to fail by
 * `reuse-epoch-on-restart`, `accept-stale-lock` and `accept-stale-layout`.
 */
import type { Epoch, ServiceId } from '../../cluster/types.js';
import type { CheckerFactory } from '../types.js';

export const epochMonotonic: CheckerFactory = (ctx, { publications }) => {
  const directorEpochs = new Map<Epoch, number>();
  let lastPublished: { epoch: Epoch; event: number } | undefined;
  const highestLock = new Map<ServiceId, { epoch: Epoch; event: number }>();
  return {
    observe(r) {
      const p = publications.justPublished;
      if (p !== undefined) {
        if (lastPublished !== undefined && p.epoch <= lastPublished.epoch) {
          ctx.report({
            event: r.i,
            time: r.t,
            message: `layout of epoch ${p.epoch} was published after the layout of epoch ${lastPublished.epoch}`,
            witnesses: [lastPublished.event],
          });
        }
        if (lastPublished === undefined || p.epoch > lastPublished.epoch) lastPublished = { epoch: p.epoch, event: r.i };
      }
      switch (r.type) {
        case 'director-started': {
          const reused = directorEpochs.get(r.epoch);
          if (reused !== undefined) {
            ctx.report({ event: r.i, time: r.t, message: `epoch ${r.epoch} was given to a second director, ${r.director}`, witnesses: [reused] });
          } else directorEpochs.set(r.epoch, r.i);
          if (r.oldEpoch !== null && r.epoch <= r.oldEpoch) {
            ctx.report({
              event: r.i,
              time: r.t,
              message: `director ${r.director} has epoch ${r.epoch}, not above the epoch ${r.oldEpoch} of the layout it recovers from`,
              witnesses: [],
            });
          }
          return;
        }
        case 'lock-accepted': {
          const prior = highestLock.get(r.service);
          if (prior !== undefined && r.epoch < prior.epoch) {
            ctx.report({
              event: r.i,
              time: r.t,
              message: `${r.kind} ${r.service} accepted a lock at epoch ${r.epoch} after accepting epoch ${prior.epoch}`,
              witnesses: [prior.event],
            });
          }
          if (prior === undefined || r.epoch > prior.epoch) highestLock.set(r.service, { epoch: r.epoch, event: r.i });
          return;
        }
        case 'coordinator-epoch':
          if (r.epoch < r.previous) {
            ctx.report({ event: r.i, time: r.t, message: `${r.coordinator}'s epoch fell from ${r.previous} to ${r.epoch}`, witnesses: [] });
          }
          return;
      }
    },
  };
};
