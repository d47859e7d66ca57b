/**
 * layout-only-locked (S6, S16, S17): a completed (running) or published layout references only
 * services its own epoch locked. Every service marked up in TSL_e accepted lock(e) from D(e), and
 * had not accepted a lock above e before D(e) finished with it (when the layout was built). The
 * layout itself is well formed: no vacancies, a sequencer, a proxy, every log up, services only for
 * referenced ids. A layout that a superseded director merely built, and never ran or published,
 * is harmless and not judged. Proven able to fail by `accept-stale-lock`.
 */
import { layoutProblems } from '../../cluster/decisions/layout.js';
import type { Epoch, Pid, ServiceId, TransactionSystemLayout } from '../../cluster/types.js';
import { layoutKey } from '../publications.js';
import type { CheckerFactory, Rec } from '../types.js';

interface LockFact {
  readonly epoch: Epoch;
  readonly director: Pid;
  readonly event: number;
}

export const layoutOnlyLocked: CheckerFactory = (ctx, { publications }) => {
  const locks = new Map<ServiceId, LockFact[]>();
  const builtAt = new Map<string, number>();
  const builtBy = new Map<string, TransactionSystemLayout>();
  const checked = new Set<string>();

  const check = (r: Rec, tsl: TransactionSystemLayout, what: string): void => {
    const key = layoutKey(tsl);
    if (checked.has(`${what}:${key}`)) return;
    checked.add(`${what}:${key}`);
    for (const problem of layoutProblems(tsl)) {
      ctx.report({ event: r.i, time: r.t, message: `${what} layout of epoch ${tsl.epoch} is malformed: ${problem}`, witnesses: [] });
    }
    const cutoff = builtAt.get(key) ?? r.i;
    for (const service of tsl.services) {
      if (service.status === 'down') continue;
      const history = (locks.get(service.id) ?? []).filter((l) => l.event <= cutoff);
      const own = history.find((l) => l.epoch === tsl.epoch && l.director === tsl.director);
      if (own === undefined) {
        ctx.report({
          event: r.i,
          time: r.t,
          message: `${what} layout of epoch ${tsl.epoch} lists ${service.id} as up, but it never accepted a lock from ${tsl.director}`,
          witnesses: history.map((l) => l.event),
        });
        continue;
      }
      const higher = history.find((l) => l.epoch > tsl.epoch && l.event < cutoff);
      if (higher !== undefined) {
        ctx.report({
          event: r.i,
          time: r.t,
          message: `${what} layout of epoch ${tsl.epoch} uses ${service.id}, which had accepted epoch ${higher.epoch} before the layout was built`,
          witnesses: [own.event, higher.event],
        });
      }
    }
  };

  return {
    observe(r) {
      if (publications.justPublished !== undefined) check(r, publications.justPublished.tsl, 'published');
      switch (r.type) {
        case 'lock-accepted': {
          const list = locks.get(r.service) ?? [];
          list.push({ epoch: r.epoch, director: r.director, event: r.i });
          locks.set(r.service, list);
          return;
        }
        case 'layout-built':
          builtAt.set(layoutKey(r.tsl), r.i);
          builtBy.set(r.director, r.tsl);
          return;
        case 'director-running': {
          const tsl = builtBy.get(r.director);
          if (tsl !== undefined) check(r, tsl, 'running');
          return;
        }
      }
    },
  };
};
