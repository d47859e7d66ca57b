/**
 * selective-locking (S8), judged from the lock requests the kernel carried, against the old layout
 * each director was really given (reconstructed from the promises its coordinator received): a
 * director's first phase locks only services of that old layout (nothing for a new cluster);
 * every other lock is recruitment. A recruitment round (the locks a director sends at one
 * instant) holds no old-layout service, targets services of one kind, and no more of them than the
 * vacancies the old layout leaves for that kind. So a first phase that also locks spare services
 * is caught whatever the director's events call those locks. Proven able to fail by
 * `lock-all-available` (F1), also together with `mislabel-director-events`.
 */
import type { Epoch, Pid, ServiceId, ServiceKind, TransactionSystemLayout } from '../../cluster/types.js';
import { isDirectorName, workerOf } from '../../cluster/names.js';
import type { CheckerFactory, RunSettings } from '../types.js';

/**
 * At most how many log and storage vacancies recovery from `old` may have to fill (§4.2, §4.4, REF)
 * at `time`. R is the larger of the first one and the one configured by then (the operator's
 * change reaches a director through the coordinators, so either may be in force).
 */
export function vacanciesLeftBy(old: TransactionSystemLayout | null, settings: RunSettings, time = 0): Record<ServiceKind, number> {
  const r = Math.max(settings.replicationFactor, settings.replicationFactorAt(time));
  if (old === null || (old.logs.length === 0 && old.storageTeams.length === 0)) {
    const tags = 1 + settings.shards;
    return { log: Math.min(tags, Math.max(1, settings.logGroups)) * settings.desiredLogs, storage: Math.max(r, settings.storageServers) };
  }
  const groups = new Set(old.logs.map((l) => [...l.tags].sort((a, b) => a - b).join(',')));
  // A member the director cannot lock is replaced, so each team may need up to R new servers.
  return { log: groups.size * settings.desiredLogs, storage: old.storageTeams.length * r };
}

interface Round {
  readonly time: number;
  readonly old: Set<ServiceId>;
  readonly others: Map<ServiceId, ServiceKind>;
  reported: boolean;
}

export const selectiveLocking: CheckerFactory = (ctx, facts) => {
  const rounds = new Map<Pid, Round>();
  return {
    observes: ['send'],
    reads: (m) => m.type === 'lock' && isDirectorName(m.from),
    observe(r) {
      if (r.type !== 'send' || r.msg.type !== 'lock') return;
      const d = facts.directors.get(r.from);
      if (d === undefined) return;
      const service = workerOf(r.to);
      if (service === undefined) return;
      let round = rounds.get(d.pid);
      if (round === undefined || round.time !== r.t) {
        round = { time: r.t, old: new Set(), others: new Map(), reported: false };
        rounds.set(d.pid, round);
      }
      const given = facts.oldLayouts.of(d.pid);
      const inOld = given.logIds.has(service.id) || given.storageIds.has(service.id);
      if (inOld) round.old.add(service.id);
      else round.others.set(service.id, service.kind);
      if (round.reported) return;
      const problem = judgeRound(round, d.epoch, given.tsl, vacanciesLeftBy(given.tsl, ctx.settings, r.t));
      if (problem === undefined) return;
      round.reported = true;
      ctx.report({ event: r.i, time: r.t, message: problem, witnesses: [d.started] });
    },
  };
};

function judgeRound(round: Round, epoch: Epoch, old: TransactionSystemLayout | null, vacancies: Record<ServiceKind, number>): string | undefined {
  if (round.others.size === 0) return undefined;
  const others = [...round.others.keys()];
  if (round.old.size > 0) {
    return `epoch ${epoch} locked ${others.join(', ')}, outside its old layout (epoch ${old?.epoch ?? 'none'}), at the same instant as that layout's ${[...round.old].join(', ')}: a first phase that reaches beyond the old layout, or a recruitment that takes old-layout services`;
  }
  const kinds = new Set(round.others.values());
  if (kinds.size > 1) return `epoch ${epoch} locked logs and storage servers outside its old layout at once (${others.join(', ')}): that is no recruitment round`;
  const kind = [...kinds][0] as ServiceKind;
  if (round.others.size > vacancies[kind]) {
    return `epoch ${epoch} locked ${round.others.size} ${kind} services outside its old layout at once (${others.join(', ')}), more than the ${vacancies[kind]} vacancies its old layout leaves`;
  }
  return undefined;
}
