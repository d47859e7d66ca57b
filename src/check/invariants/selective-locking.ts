/**
 * selective-locking (S8): in the first phase a director locks only services of the old layout
 * (none at all for a brand-new cluster); every other lock it sends is for a service it has just
 * recruited into a vacancy. Spare services are never locked. Proven able to fail by
 * `lock-all-available` (F1).
 */
import type { CheckerFactory } from '../types.js';

export const selectiveLocking: CheckerFactory = (ctx, { directors }) => ({
  observe(r) {
    if (r.type !== 'lock-requested') return;
    const d = directors.get(r.director);
    if (r.phase === 'first') {
      if (d !== undefined && !d.oldLayoutIds.has(r.service)) {
        ctx.report({
          event: r.i,
          time: r.t,
          message: `epoch ${r.epoch} locked ${r.service} in the first phase, but it is not in the old layout`,
          witnesses: [d.started],
        });
      }
      return;
    }
    if (r.vacancy === undefined) {
      ctx.report({ event: r.i, time: r.t, message: `epoch ${r.epoch} locked ${r.service} during recruitment without recruiting it into a vacancy`, witnesses: [] });
    }
  },
});
