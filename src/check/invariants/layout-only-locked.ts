/**
 * layout-only-locked (S6, S16, S17): a published layout references only services its own epoch
 * locked, judged from the services' disks. When a majority of coordinators hold TSL_e, every
 * service it marks up must have taken lock(e) from D(e) on disk, and must not have taken a lock
 * above e before D(e)'s last rebuilding call to it that the kernel delivered (recover-from for a
 * log, unlock for storage; the lock itself when there was none yet). The layout must also be well
 * formed (no vacancies, a sequencer, a proxy, every log up, services only for referenced ids),
 * by the checkers' own reading of S16/S17. Proven able to fail by `accept-stale-lock`.
 */
import type { Pid, ServiceId, TransactionSystemLayout } from '../../cluster/types.js';
import type { CheckerFactory } from '../types.js';
import { wellFormednessProblems } from '../well-formed.js';

const REBUILDING_CALLS = new Set(['recover-from', 'unlock-storage']);

export const layoutOnlyLocked: CheckerFactory = (ctx, facts) => {
  /** `director/service` → the event of the director's last rebuilding call delivered to the service. */
  const lastRebuild = new Map<string, number>();

  const judge = (tsl: TransactionSystemLayout, event: number, time: number): void => {
    for (const problem of wellFormednessProblems(tsl)) {
      ctx.report({ event, time, message: `published layout of epoch ${tsl.epoch} is malformed: ${problem}`, witnesses: [] });
    }
    for (const service of tsl.services) {
      if (service.status === 'down') continue;
      const history = facts.services.locks.get(service.id) ?? [];
      const own = history.find((l) => l.epoch === tsl.epoch && l.director === tsl.director);
      if (own === undefined) {
        ctx.report({
          event,
          time,
          message: `published layout of epoch ${tsl.epoch} lists ${service.id} as up, but its disk never recorded a lock by ${tsl.director}`,
          witnesses: history.map((l) => l.event),
        });
        continue;
      }
      const cutoff = lastRebuild.get(`${tsl.director}/${service.id}`) ?? own.event;
      const higher = history.find((l) => l.epoch > tsl.epoch && l.event < cutoff);
      if (higher !== undefined) {
        ctx.report({
          event,
          time,
          message: `published layout of epoch ${tsl.epoch} uses ${service.id}, which had taken epoch ${higher.epoch} before ${tsl.director} finished rebuilding it`,
          witnesses: [own.event, higher.event],
        });
      }
    }
  };

  const rebuilt = (director: Pid, service: ServiceId): void => {
    lastRebuild.set(`${director}/${service}`, ctx.position().event);
  };

  return {
    delivers: [...REBUILDING_CALLS],
    delivered(delivery) {
      const step = facts.services.step;
      if (step !== undefined && REBUILDING_CALLS.has(delivery.msg.type)) rebuilt(delivery.from, step.after.id);
      const p = facts.publications.justPublished;
      if (p !== undefined) judge(p.tsl, ctx.position().event, ctx.position().time);
    },
    observe() {
      const p = facts.publications.justPublished;
      if (p !== undefined) judge(p.tsl, ctx.position().event, ctx.position().time);
    },
  };
};
