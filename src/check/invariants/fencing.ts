/**
 * fencing (S5): no service acts for a caller below its current epoch. A log accepts pushes only
 * from its own epoch or newer, and recovery (recover-from, unlock) only from the epoch that
 * locked it. Proven able to fail by `no-fencing` (F9) and `unchecked-recover-from` (F10).
 */
import type { CheckerFactory, Rec } from '../types.js';

/** An action a service performed for a caller: who did what, at whose epoch. */
function fencedAction(r: Rec): { who: string; what: string; caller: number; current: number | null } | undefined {
  switch (r.type) {
    case 'log-push':
      return r.accepted ? { who: `log ${r.log}`, what: `a push at version ${r.version}`, caller: r.callerEpoch, current: r.logEpoch } : undefined;
    case 'log-recovered':
      return { who: `log ${r.log}`, what: 'recover-from', caller: r.callerEpoch, current: r.logEpoch };
    case 'storage-unlocked':
      return { who: `storage ${r.storage}`, what: 'unlock-after-recovery', caller: r.callerEpoch, current: r.storageEpoch };
    default:
      return undefined;
  }
}

export const fencing: CheckerFactory = (ctx) => ({
  observe(r) {
    const act = fencedAction(r);
    if (act === undefined || act.current === null || act.caller >= act.current) return;
    ctx.report({
      event: r.i,
      time: r.t,
      message: `${act.who}, locked at epoch ${act.current}, performed ${act.what} for epoch ${act.caller}`,
      witnesses: [],
    });
  },
});
