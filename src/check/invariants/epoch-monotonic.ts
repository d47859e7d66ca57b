/**
 * epoch-monotonic (S1, S3, S22): epochs only go up, judged from disks and the kernel. No epoch is
 * given to two director processes; each director's epoch is above the old layout it was really
 * given (reconstructed from the promises its coordinator received); published layouts follow one
 * another in rising epochs; a service's disk never records a lock below one it held; a
 * coordinator's promised term never falls. (S1's "directors start in rising epoch order" is read
 * causally: with asynchronous ballots a superseded term's director may start late, but it can
 * never publish.) Proven able to fail by `reuse-epoch-on-restart`, `accept-stale-lock` and
 * `accept-stale-layout`.
 */
import type { Epoch, ServiceId } from '../../cluster/types.js';
import type { CheckerFactory } from '../types.js';

export const epochMonotonic: CheckerFactory = (ctx, facts) => {
  const directorEpochs = new Map<Epoch, number>();
  let lastPublished: { epoch: Epoch; event: number } | undefined;
  const highestLock = new Map<ServiceId, { epoch: Epoch; event: number }>();

  const checkSteps = (): void => {
    const at = ctx.position();
    const p = facts.publications.justPublished;
    if (p !== undefined) {
      if (lastPublished !== undefined && p.epoch <= lastPublished.epoch) {
        ctx.report({
          event: at.event,
          time: at.time,
          message: `layout of epoch ${p.epoch} was published after the layout of epoch ${lastPublished.epoch}`,
          witnesses: [lastPublished.event],
        });
      }
      if (lastPublished === undefined || p.epoch > lastPublished.epoch) lastPublished = { epoch: p.epoch, event: at.event };
    }
    for (const step of facts.coordinators.steps) {
      if (step.promised !== undefined && step.promised.to < step.promised.from) {
        ctx.report({
          event: at.event,
          time: at.time,
          message: `coordinator ${step.coordinator}'s promised term fell from ${step.promised.from} to ${step.promised.to}`,
          witnesses: [],
        });
      }
    }
  };

  return {
    delivered() {
      checkSteps();
      const step = facts.services.step;
      if (step === undefined || !step.locked || step.after.epoch === null) return;
      const at = ctx.position();
      const prior = highestLock.get(step.after.id);
      if (prior !== undefined && step.after.epoch < prior.epoch) {
        ctx.report({
          event: at.event,
          time: at.time,
          message: `${step.after.kind} ${step.after.id} took a lock at epoch ${step.after.epoch} after holding epoch ${prior.epoch}`,
          witnesses: [prior.event],
        });
      }
      if (prior === undefined || step.after.epoch > prior.epoch) highestLock.set(step.after.id, { epoch: step.after.epoch, event: at.event });
    },
    observe(r) {
      checkSteps();
      const d = facts.directors.justStarted;
      if (d === undefined) return;
      const reused = directorEpochs.get(d.epoch);
      if (reused !== undefined) {
        ctx.report({ event: r.i, time: r.t, message: `epoch ${d.epoch} was given to a second director, ${d.pid}`, witnesses: [reused] });
      } else directorEpochs.set(d.epoch, r.i);
      const old = facts.oldLayouts.of(d.pid).tsl;
      if (old !== null && d.epoch <= old.epoch) {
        ctx.report({
          event: r.i,
          time: r.t,
          message: `director ${d.pid} has epoch ${d.epoch}, not above the epoch ${old.epoch} of the layout it was given`,
          witnesses: [],
        });
      }
    },
  };
};
