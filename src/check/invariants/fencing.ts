/**
 * fencing (S5): no service acts for a caller below its current epoch. Judged from what the kernel
 * delivered and what the service's disk shows afterwards: a log that appended a push, or had its
 * history replaced by recover-from, and a storage server that took an unlock, for a caller whose
 * epoch is below the lock the service held when the message arrived. Proven able to fail by
 * `no-fencing` (F9) and `unchecked-recover-from` (F10).
 */
import type { CheckerFactory } from '../types.js';

export const fencing: CheckerFactory = (ctx, facts) => ({
  delivered(delivery) {
    const step = facts.services.step;
    if (step === undefined || step.before?.epoch === undefined || step.before.epoch === null) return;
    const held = step.before.epoch;
    const msg = delivery.msg;
    const caller = typeof msg['epoch'] === 'number' ? (msg['epoch'] as number) : undefined;
    if (caller === undefined || caller >= held) return;
    let what: string | undefined;
    if (msg.type === 'push' && step.after.length > step.before.length) what = `a push at version ${String(msg['version'])}`;
    else if (msg.type === 'recover-from' && step.wiped) what = 'recover-from (its history was replaced)';
    else if (msg.type === 'unlock-storage' && step.unlocked) what = 'unlock-after-recovery';
    if (what === undefined) return;
    const at = ctx.position();
    ctx.report({
      event: at.event,
      time: at.time,
      message: `${step.after.kind} ${step.after.id}, locked at epoch ${held}, performed ${what} for epoch ${caller}`,
      witnesses: [],
    });
  },
});
