import { sortedActions, type FaultAction, type FaultPlan } from './faults.js';
import type { NodeId } from './network.js';
import { matchesProcess } from './process-pattern.js';
import type { Rng } from './rng.js';
import type { Simulation } from './simulation.js';
import { ms } from './time.js';
import type { TraceEventBase } from './trace.js';

/**
 * The nemesis's random streams, one per kind of choice, so that a plan gaining pauses never
 * shifts which process its kills pick (and the reverse).
 */
export interface NemesisRng {
  /** Which matching process a `kill-process` takes. */
  readonly kill: Rng;
  /** Which matching process a `pause-process` stops. */
  readonly pause: Rng;
}

/** The streams from one nemesis stream: kills draw from it directly, as they always have. */
export function nemesisStreams(rng: Rng): NemesisRng {
  return { kill: rng, pause: rng.fork('pause') };
}

/**
 * Applies a fault plan to a simulation at the planned times, then makes the world quiet at
 * `quietAtMs`: partitions healed, clogs, reorders and loss removed, paused processes resumed,
 * crashed nodes restarted except those lost for good (crashed `permanent` by the plan or by
 * anything else that applied faults, and not restarted since).
 */
export function scheduleFaultPlan<E extends TraceEventBase>(sim: Simulation<E>, plan: FaultPlan, rng: Rng): void {
  const streams = nemesisStreams(rng);
  for (const action of sortedActions(plan)) {
    if (action.at >= plan.quietAtMs) continue;
    sim.scheduler.at(ms(action.at), () => applyFault(sim, action, streams));
  }
  sim.scheduler.at(ms(plan.quietAtMs), () => {
    for (const action of quietActions(sim, plan.quietAtMs)) applyFault(sim, action, streams);
    sim.resumeAll();
  });
}

/** The actions that end every fault in force; nodes lost for good stay down. */
export function quietActions<E extends TraceEventBase>(sim: Simulation<E>, at: number): FaultAction[] {
  const actions: FaultAction[] = [];
  if (sim.network.partitioned) actions.push({ at, kind: 'heal' });
  if (sim.network.clogged) actions.push({ at, kind: 'unclog' });
  if (sim.network.reordering) actions.push({ at, kind: 'unreorder' });
  if (sim.network.settings.lossRate > 0) actions.push({ at, kind: 'set-loss', rate: 0 });
  for (const node of sim.nodeIds()) if (sim.isDiskSlow(node)) actions.push({ at, kind: 'slow-disk', node, factor: 1 });
  for (const node of sim.nodeIds()) {
    if (!sim.isNodeUp(node) && !sim.isLostForGood(node)) actions.push({ at, kind: 'restart-node', node });
  }
  return actions;
}

export function applyFault<E extends TraceEventBase>(sim: Simulation<E>, action: FaultAction, rng: NemesisRng): void {
  // A process fault that finds no live process says so, rather than seeming to have struck.
  const candidates = action.kind === 'kill-process' || action.kind === 'pause-process' ? matching(sim, action.node, action.process) : undefined;
  sim.trace.emit(sim.now, candidates?.length === 0 ? { type: 'fault', action, idle: true } : { type: 'fault', action });
  const net = sim.network;
  switch (action.kind) {
    case 'crash-node':
      if (sim.hasNode(action.node)) sim.crashNode(action.node, action.permanent === true);
      return;
    case 'restart-node':
      if (sim.hasNode(action.node)) sim.restartNode(action.node);
      return;
    case 'kill-process':
      if (candidates !== undefined && candidates.length > 0) sim.kill(`${rng.kill.pick(candidates)}@${action.node}`, 'killed');
      return;
    case 'pause-process':
      if (candidates !== undefined && candidates.length > 0) sim.pause(`${rng.pause.pick(candidates)}@${action.node}`, ms(action.durationMs));
      return;
    case 'partition':
      net.partition(action.from, action.to, action.oneWay === true, {
        ...(action.id !== undefined ? { id: action.id } : {}),
        ...(action.only !== undefined ? { only: action.only } : {}),
        ...(action.onlyTo !== undefined ? { onlyTo: action.onlyTo } : {}),
      });
      return;
    case 'heal':
      if (action.id !== undefined) net.healPartition(action.id);
      else net.healAll();
      return;
    case 'clog':
      if (action.node !== undefined) net.clogNode(action.node, ms(action.delayMs));
      else if (action.link !== undefined) net.clogLink(action.link[0], action.link[1], ms(action.delayMs));
      return;
    case 'unclog':
      if (action.node !== undefined) net.unclogNode(action.node);
      else if (action.link !== undefined) net.unclogLink(action.link[0], action.link[1]);
      else net.unclogAll();
      return;
    case 'set-loss':
      net.setLossRate(action.rate);
      return;
    case 'wipe-disk':
      if (sim.hasNode(action.node)) sim.wipeDisk(action.node);
      return;
    case 'slow-disk':
      if (sim.hasNode(action.node)) sim.slowDisk(action.node, action.factor);
      return;
    case 'reorder':
      net.reorder(action.link);
      return;
    case 'unreorder':
      net.unreorder(action.link);
      return;
  }
}

/** The live processes on `node` a pattern names, sorted (the seed picks one). */
function matching<E extends TraceEventBase>(sim: Simulation<E>, node: NodeId, pattern: string): string[] {
  return sim.processesOn(node).filter((name) => matchesProcess(name, pattern));
}
