/**
 * no-old-layout-reuse (S7, S9): recruitment never fills a vacancy with a service of the old
 * layout (its logs hold the history a failed recovery would need), and every member of an old
 * storage team is still a member of the team with the same tag. Checked when a director recruits
 * and on every layout it builds. Proven able to fail by `recruit-old-layout`.
 */
import type { CheckerFactory } from '../types.js';

export const noOldLayoutReuse: CheckerFactory = (ctx, { directors }) => {
  /** `director/id` pairs already reported at recruitment, so a built layout does not repeat them. */
  const reported = new Set<string>();
  return {
    observe(r) {
      if (r.type === 'recruited') {
        const old = directors.get(r.director)?.oldLayoutIds;
        for (const id of [...r.reused, ...r.created.map((c) => c.id)]) {
          if (old?.has(id) !== true) continue;
          reported.add(`${r.director}/${id}`);
          ctx.report({ event: r.i, time: r.t, message: `epoch ${r.epoch} recruited ${r.kind} ${id}, a service of the old layout, into a vacancy`, witnesses: [] });
        }
        return;
      }
      if (r.type !== 'layout-built' || r.oldTsl === null) return;
      const old = r.oldTsl;
      const oldLogs = new Set(old.logs.map((l) => l.id));
      const oldStorage = new Set(old.storageTeams.flatMap((t) => t.storageIds));
      for (const log of r.tsl.logs) {
        if (oldLogs.has(log.id) && !reported.has(`${r.director}/${log.id}`)) {
          ctx.report({ event: r.i, time: r.t, message: `epoch ${r.epoch} built a layout with log ${log.id} of the old layout (epoch ${old.epoch})`, witnesses: [] });
        }
      }
      for (const team of r.tsl.storageTeams) {
        const kept = new Set(old.storageTeams.find((t) => t.tag === team.tag)?.storageIds ?? []);
        for (const id of team.storageIds) {
          if (!kept.has(id) && oldStorage.has(id) && !reported.has(`${r.director}/${id}`)) {
            ctx.report({ event: r.i, time: r.t, message: `epoch ${r.epoch} filled a vacancy in team ${team.tag} with old-layout storage ${id}`, witnesses: [] });
          }
        }
        for (const id of kept) {
          if (!team.storageIds.includes(id)) {
            ctx.report({ event: r.i, time: r.t, message: `epoch ${r.epoch} dropped ${id} from storage team ${team.tag}`, witnesses: [] });
          }
        }
      }
    },
  };
};
