import { ms, nodeOf, type CallResult, type TaskBody } from '../../../../sim/index.js';
import { FOREVER_MS, mutated, reached } from '../../config.js';
import { oldLayoutServiceIds } from '../../decisions/first-phase.js';
import { isFreeSpare } from '../../decisions/spares.js';
import { fallbackOrder, fillSlots, planRecruitment, recruitmentCandidates, vacanciesIn, type Assignment } from '../../decisions/recruitment.js';
import type { WorkerCreated } from '../../messages.js';
import { foremanAddress } from '../../names.js';
import { isVacancy, type LogDescriptor, type ServiceEntry, type ServiceId, type ServiceKind, type Slot, type StorageTeam } from '../../types.js';
import { lockServices } from '../locks.js';
import { stalled, type Outcome, type Phase, type Recovery } from '../state.js';

type RecruitResult = { readonly assignments: readonly Assignment[] } | { readonly outcome: Outcome };

/**
 * §4.6/4.7 for one kind: (1) reuse existing services that are not in the old layout, (2) create
 * the rest round-robin over capable nodes, (3) lock every recruited service at once, including
 * the new workers (decision 6). Services and nodes that fail are left out for a while, so a retry
 * does not pick the same unreachable candidate again (F18).
 */
function* recruit(r: Recovery, kind: ServiceKind, slots: readonly Slot[], alsoExcluded: readonly ServiceId[]): TaskBody<RecruitResult> {
  const { ctx, d } = r;
  const vacancies = vacanciesIn(slots);
  if (vacancies.length === 0) return { assignments: [] };
  const excluded = new Set<ServiceId>(alsoExcluded);
  if (oldLayoutServiceIds(d.oldTsl).some((id) => d.directory.get(id)?.kind === kind)) reached(d.config, 'recruit-old-layout');
  if (!mutated(d.config, 'recruit-old-layout')) for (const id of oldLayoutServiceIds(d.oldTsl)) excluded.add(id);
  // A service that failed us, or lives on a node that did, is likely dead: create a worker instead.
  const byNode = !mutated(d.config, 'keep-dead-spares');
  for (const e of d.directory.values()) {
    const suspectNode = d.isSuspect(nodeOf(e.address));
    if (!d.isSuspect(e.id) && suspectNode && e.kind === kind && !excluded.has(e.id)) reached(d.config, 'keep-dead-spares');
    if (d.isSuspect(e.id) || (byNode && suspectNode)) excluded.add(e.id);
  }
  for (const id of d.holdsHistory) excluded.add(id);
  const candidates = recruitmentCandidates(d.directoryEntries(), kind, excluded);
  // `strict-placement-across-kinds`: strict placement counted over workers of every kind, so a node
  // that hosts a log cannot take a storage server (a fresh 3-node cluster cannot start).
  const otherKindNodes = d.params.strictPlacement ? new Set([...d.directory.values()].filter((e) => e.kind !== kind).map((e) => nodeOf(e.address))) : new Set<string>();
  if (d.capableNodes(kind).some((n) => otherKindNodes.has(n))) reached(d.config, 'strict-placement-across-kinds');
  const hostsOtherKind = mutated(d.config, 'strict-placement-across-kinds') ? otherKindNodes : new Set<string>();
  const capable = d.capableNodes(kind).filter((n) => !hostsOtherKind.has(n));
  const planOn = (nodes: readonly string[]) =>
    planRecruitment({ vacancies, candidates, nodes, strictPlacement: d.params.strictPlacement, freshId: () => ctx.rng.id(8) });
  const unasked = mutated(d.config, 'place-on-suspects-unasked');
  let plan = yield* placement(r, capable, planOn);
  // The nodes about to be handed workers are vetted last, with nothing in between the final check
  // and the creations (asks-doubtful-nodes): a node whose foreman fell silent since this director
  // started is suspected (`trust-silent-nodes` places a worker there and waits out the creation
  // timeout), and a node that failed us before and has not answered since is asked first: its
  // suspicion may have run out while it is still dead (a ping's timeout, not a worker creation's,
  // finds that out). A node that does not answer is suspected again and the plan is made anew;
  // so is one that fell silent while the others were asked.
  for (let round = 0; plan.ok; round++) {
    const nodes = [...new Set(plan.newWorkers.map((w) => w.node))];
    const fallen = d.fallenSilent(nodes);
    if (fallen.length > 0) reached(d.config, 'trust-silent-nodes');
    const silent = mutated(d.config, 'trust-silent-nodes') ? [] : fallen;
    const unproven = unasked ? [] : nodes.filter((n) => !d.isSuspect(n) && d.lastFailedAt(n) > 0 && !silent.includes(n));
    if (silent.length === 0 && unproven.length === 0) break;
    if (round > 2 * capable.length) return { outcome: stalled('insufficient_nodes', `${kind}: no node proved up`) };
    for (const node of silent) d.suspect(node);
    if (unproven.length > 0) yield* askNodes(r, unproven);
    plan = yield* placement(r, capable, planOn);
  }
  if (!plan.ok) return { outcome: stalled('insufficient_nodes', `${kind}: need ${plan.need}, have ${plan.have}`) };

  const created: { id: ServiceId; node: string }[] = [];
  if (plan.newWorkers.length > 0) {
    const results: CallResult[] = yield* ctx.callAll(
      plan.newWorkers.map((w) => ({ to: foremanAddress(w.node), msg: { type: 'create-worker', id: w.id, kind } })),
      { timeout: ms(d.params.createWorkerTimeoutMs) },
    );
    results.forEach((res, i) => {
      const w = plan.newWorkers[i] as { id: ServiceId; node: string };
      if (res.ok && res.reply.type === 'worker-created') {
        const reply = res.reply as WorkerCreated;
        d.directory.set(w.id, { id: w.id, kind, address: reply.address });
        created.push(w);
        // Its foreman answered: the node is up again, whatever failed us there before (a node
        // suspected during a partition must not stay behind a dead one once the partition heals).
        if (d.isSuspect(w.node)) reached(d.config, 'distrust-answering-nodes');
        if (!mutated(d.config, 'distrust-answering-nodes')) d.trust(w.node);
      } else {
        d.suspect(w.node);
      }
    });
    if (created.length === 0) return { outcome: stalled('all_workers_failed', `${kind}: ${plan.newWorkers.map((w) => w.node).join(',')}`) };
  }

  const recruited = [...new Set(plan.assignments.map((x) => x.id))];
  const targets: ServiceEntry[] = [];
  for (const id of recruited) {
    const entry = d.directory.get(id);
    if (entry === undefined) return { outcome: stalled('recruited_service_unavailable', id) };
    targets.push(entry);
  }
  const timeoutMs = mutated(d.config, 'no-recruitment-lock-timeout') ? FOREVER_MS : d.params.recruitmentLockTimeoutMs;
  const filled = new Map(plan.assignments.map((x) => [x.id, x.vacancy]));
  // `skip-recruitment-lock` (the bug seed note 002 fixes): recruited storage is used without a lock.
  if (kind === 'storage' && targets.length > 0) reached(d.config, 'skip-recruitment-lock');
  if (kind === 'storage' && mutated(d.config, 'skip-recruitment-lock')) {
    for (const t of targets) r.a.locked.set(t.id, { id: t.id, kind, pid: t.address, address: t.address });
    return { assignments: plan.assignments };
  }
  const round = yield* lockServices(r, targets, 'recruitment', timeoutMs, filled);
  if (round.superseded !== undefined) return { outcome: round.superseded };
  if (round.failed.length > 0) {
    reached(d.config, 'no-recruitment-lock-timeout');
    return { outcome: stalled('failed_to_lock_recruited_service', round.failed.join(',')) };
  }
  // Rule 18: a log whose history another accepted layout may rely on is not a spare either. (The
  // old layout's own logs are left out above, by S7; this guards the layouts the director cannot see.)
  if (kind === 'log') {
    const own = new Set(oldLayoutServiceIds(d.oldTsl));
    const kept = recruited.filter((id) => !own.has(id) && !isFreeSpare(r.a.logInfo.get(id)?.recoveredAt ?? null, d.knownPublished, d.epoch));
    if (kept.length > 0) reached(d.config, 'reuse-logs-of-accepted-layout');
    if (kept.length > 0 && !mutated(d.config, 'reuse-logs-of-accepted-layout')) {
      for (const id of kept) d.holdsHistory.add(id);
      return { outcome: stalled('recruit_holds_history', kept.join(',')) };
    }
  }
  const createdIds = new Set(created.map((c) => c.id));
  // `mislabel-director-events` leaves old-layout services out of what it reports as reused.
  const reported = mutated(d.config, 'mislabel-director-events') ? new Set(oldLayoutServiceIds(d.oldTsl)) : new Set<ServiceId>();
  ctx.emit({
    type: 'recruited',
    director: ctx.pid,
    epoch: d.epoch,
    kind,
    reused: recruited.filter((id) => !createdIds.has(id) && !reported.has(id)),
    created,
  });
  return { assignments: plan.assignments };
}

type Plan = ReturnType<typeof planRecruitment>;

/**
 * Where new workers go. Suspicion is a preference: the trusted nodes first; when they are too few,
 * the suspected ones are asked whether they are up (a ping to each foreman) and those that answer
 * are trusted again (a partition that made every node fail us has often healed); if that is still
 * too few, suspected nodes are tried too, those that failed us longest ago first and no more of
 * them than the plan needs: a node that failed us a moment ago is kept out as long as others can
 * take the workers.
 */
function* placement(r: Recovery, capable: readonly string[], planOn: (nodes: readonly string[]) => Plan): TaskBody<Plan> {
  const { d } = r;
  const trusted = () => capable.filter((n) => !d.isSuspect(n));
  let plan = planOn(trusted());
  if (plan.ok || trusted().length === capable.length) return plan;
  if (mutated(d.config, 'retry-freshly-failed-nodes')) return planOn(capable);
  const unasked = mutated(d.config, 'place-on-suspects-unasked');
  if (!unasked && (yield* askNodes(r, capable.filter((n) => d.isSuspect(n)))) > 0) plan = planOn(trusted());
  // Trusted nodes first (key 0), then the suspected ones by when they last failed us (by when
  // their suspicion ends under the switch: windows double with each failure, so that order puts a
  // node that died behind live ones that failed often during a partition).
  const order = fallbackOrder(capable, (n) => (unasked ? d.suspectedUntil(n) : d.isSuspect(n) ? d.lastFailedAt(n) : 0));
  let used = trusted().length;
  while (!plan.ok && used < order.length) plan = planOn(order.slice(0, ++used));
  // The moment retry-freshly-failed-nodes acts on: a suspected node is kept out that it would use.
  if (plan.ok && used < capable.length) reached(d.config, 'retry-freshly-failed-nodes');
  return plan;
}

/**
 * Ask the foremen of `nodes` whether they are up (a ping, within the ping timeout): those that
 * answer are trusted again, those that do not are suspected (again). How many answered.
 */
function* askNodes(r: Recovery, nodes: readonly string[]): TaskBody<number> {
  const { ctx, d } = r;
  if (nodes.length === 0) return 0;
  const results: CallResult[] = yield* ctx.callAll(
    nodes.map((n) => ({ to: foremanAddress(n), msg: { type: 'ping' } })),
    { timeout: ms(d.params.monitorPingTimeoutMs) },
  );
  let answered = 0;
  results.forEach((res, i) => {
    const node = nodes[i] as string;
    if (!res.ok) {
      // The moment the switch acts on: a node it would place workers on unasked does not answer.
      reached(d.config, 'place-on-suspects-unasked');
      // Suspected again if its suspicion had run out; a node still suspected keeps the failure
      // that made it so (the ping is no new evidence against it).
      if (!d.isSuspect(node)) d.suspect(node);
      return;
    }
    answered++;
    if (d.isSuspect(node)) reached(d.config, 'distrust-answering-nodes');
    if (!mutated(d.config, 'distrust-answering-nodes')) d.trust(node);
  });
  return answered;
}

/** §4.6: fill the log vacancies. */
export function* logRecruitment(r: Recovery): Phase {
  const { a } = r;
  const result = yield* recruit(r, 'log', a.layout.logs.map((l) => l.id), []);
  if ('outcome' in result) return result.outcome;
  const ids = fillSlots(a.layout.logs.map((l) => l.id), result.assignments);
  a.layout = {
    ...a.layout,
    logs: a.layout.logs.map((l, i) => ({ id: ids[i] as Slot, tags: l.tags }) satisfies LogDescriptor<Slot>),
  };
  return undefined;
}

/** §4.7: fill the storage vacancies; a vacancy shared by two teams is one server for both. */
export function* storageRecruitment(r: Recovery): Phase {
  const { a } = r;
  const assigned = a.layout.storageTeams.flatMap((t) => t.storageIds);
  const members = assigned.filter((s): s is ServiceId => !isVacancy(s));
  const result = yield* recruit(r, 'storage', assigned, members);
  if ('outcome' in result) return result.outcome;
  if ((r.d.oldTsl?.storageTeams ?? []).some((t) => t.storageIds.length > 0)) reached(r.d.config, 'relock-old-members');
  if (mutated(r.d.config, 'relock-old-members')) {
    // F20 (AS-IS): every old team member is locked again, so one that is dead blocks recovery
    // although version determination tolerated it.
    const old = [...new Set((r.d.oldTsl?.storageTeams ?? []).flatMap((t) => t.storageIds))];
    const targets = old.flatMap((id) => {
      const address = r.d.oldTsl?.services.find((s) => s.id === id)?.address;
      return address === undefined ? [] : [{ id, kind: 'storage' as const, address }];
    });
    const round = yield* lockServices(r, targets, 'recruitment', r.d.params.recruitmentLockTimeoutMs);
    if (round.superseded !== undefined) return round.superseded;
    if (round.failed.length > 0) return stalled('failed_to_lock_recruited_service', round.failed.join(','));
  }
  a.layout = {
    ...a.layout,
    storageTeams: a.layout.storageTeams.map(
      (t) => ({ ...t, storageIds: fillSlots(t.storageIds, result.assignments) }) satisfies StorageTeam<Slot>,
    ),
  };
  return undefined;
}
