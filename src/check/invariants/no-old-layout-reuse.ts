/**
 * no-old-layout-reuse (S7, S9, rule 18): history a layout may still need is never wiped, and
 * recruitment never takes a service of the old layout.
 * - When a log's disk shows its history replaced (recover-from wiped it), the log must not belong
 *   to any layout a coordinator holds as accepted and that may still be chosen (its epoch is not
 *   below the newest published one): not the wiping director's own old layout, and not a layout
 *   only a minority of coordinators accepted, which a later director may still recover from.
 * - Every layout a director sends out (to its proxies or to be published) is compared with the old
 *   layout it was really given: no log or storage server of that old layout fills a vacancy, and
 *   every old team member whose lock answer reached the director is still in the team with the
 *   same tag (one it could not lock is replaced).
 * Proven able to fail by `recruit-old-layout`, `reuse-logs-of-accepted-layout` and
 * `roster-replaces-team` (F16), also when the
 * director's own events lie about its old layout (`mislabel-director-events`).
 */
import type { TransactionSystemLayout } from '../../cluster/types.js';
import { isDirectorName } from '../../cluster/names.js';
import { layoutKey } from '../facts/index.js';
import type { CheckerFactory } from '../types.js';

export const noOldLayoutReuse: CheckerFactory = (ctx, facts) => {
  const judged = new Set<string>();

  const judgeLayout = (tsl: TransactionSystemLayout, event: number, time: number): void => {
    const key = layoutKey(tsl);
    if (judged.has(key)) return;
    judged.add(key);
    const old = facts.oldLayouts.of(tsl.director);
    if (old.tsl === null) return;
    for (const log of tsl.logs) {
      if (old.logIds.has(log.id) || old.storageIds.has(log.id)) {
        ctx.report({ event, time, message: `epoch ${tsl.epoch}'s layout has log ${log.id}, a service of the old layout (epoch ${old.tsl.epoch}) it was given`, witnesses: [] });
      }
    }
    for (const team of tsl.storageTeams) {
      const kept = new Set(old.tsl.storageTeams.find((t) => t.tag === team.tag)?.storageIds ?? []);
      for (const id of team.storageIds) {
        if (!kept.has(id) && (old.storageIds.has(id) || old.logIds.has(id))) {
          ctx.report({ event, time, message: `epoch ${tsl.epoch} filled a vacancy in team ${team.tag} with ${id}, a service of the old layout (epoch ${old.tsl.epoch})`, witnesses: [] });
        }
      }
      for (const id of kept) {
        // A member the director could not lock is replaced; one that answered must stay (S9).
        if (!team.storageIds.includes(id) && facts.lockReplies.answered(tsl.director, id)) {
          ctx.report({ event, time, message: `epoch ${tsl.epoch} dropped ${id} from storage team ${team.tag}, though it answered the lock of the attempt that built the layout`, witnesses: [] });
        }
      }
    }
  };

  return {
    delivered() {
      const step = facts.services.step;
      if (step === undefined || !step.wiped) return;
      const highest = facts.publications.highestEpoch();
      const at = ctx.position();
      for (const held of facts.coordinators.heldNow()) {
        const tsl = held.value.tsl;
        if (tsl.epoch < highest || !tsl.logs.some((l) => l.id === step.after.id)) continue;
        ctx.report({
          event: at.event,
          time: at.time,
          message: `log ${step.after.id} was wiped by epoch ${step.after.epoch ?? '?'}'s recovery, but the layout of epoch ${tsl.epoch}, accepted by ${held.coordinator}, relies on its history`,
          witnesses: facts.coordinators.accepts.filter((a) => a.value === held.value).map((a) => a.event),
        });
        return;
      }
    },
    observes: ['send'],
    reads: (m) => (m.type === 'unlock-proxy' || m.type === 'publish') && isDirectorName(m.from),
    observe(r) {
      if (r.type !== 'send' || (r.msg.type !== 'unlock-proxy' && r.msg.type !== 'publish')) return;
      if (facts.directors.get(r.from) === undefined) return;
      judgeLayout(r.msg['tsl'] as TransactionSystemLayout, r.i, r.t);
    },
  };
};
