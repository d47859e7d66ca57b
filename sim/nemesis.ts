import { sortedActions, type FaultAction, type FaultPlan } from './faults.js';
import { matchesProcess } from './process-pattern.js';
import type { Rng } from './rng.js';
import type { Simulation } from './simulation.js';
import { ms } from './time.js';
import type { TraceEventBase } from './trace.js';

/**
 * Applies a fault plan to a simulation at the planned times, then makes the world quiet at
 * `quietAtMs`: partitions healed, clogs and loss removed, crashed nodes restarted.
 */
export function scheduleFaultPlan<E extends TraceEventBase>(sim: Simulation<E>, plan: FaultPlan, rng: Rng): void {
  for (const action of sortedActions(plan)) {
    if (action.at >= plan.quietAtMs) continue;
    sim.scheduler.at(ms(action.at), () => applyFault(sim, action, rng));
  }
  sim.scheduler.at(ms(plan.quietAtMs), () => {
    for (const action of quietActions(sim, plan.quietAtMs)) applyFault(sim, action, rng);
  });
}

/** The actions that end every fault in force. */
export function quietActions<E extends TraceEventBase>(sim: Simulation<E>, at: number): FaultAction[] {
  const actions: FaultAction[] = [];
  if (sim.network.partitioned) actions.push({ at, kind: 'heal' });
  actions.push({ at, kind: 'unclog' });
  if (sim.network.settings.lossRate > 0) actions.push({ at, kind: 'set-loss', rate: 0 });
  for (const node of sim.nodeIds()) if (!sim.isNodeUp(node)) actions.push({ at, kind: 'restart-node', node });
  return actions;
}

export function applyFault<E extends TraceEventBase>(sim: Simulation<E>, action: FaultAction, rng: Rng): void {
  sim.trace.emit(sim.now, { type: 'fault', action });
  const net = sim.network;
  switch (action.kind) {
    case 'crash-node':
      if (sim.hasNode(action.node)) sim.crashNode(action.node);
      return;
    case 'restart-node':
      if (sim.hasNode(action.node)) sim.restartNode(action.node);
      return;
    case 'kill-process': {
      const candidates = sim.processesOn(action.node).filter((name) => matchesProcess(name, action.process));
      if (candidates.length > 0) sim.kill(`${rng.pick(candidates)}@${action.node}`, 'killed');
      return;
    }
    case 'partition':
      net.partition(action.from, action.to, action.oneWay === true);
      return;
    case 'heal':
      net.healAll();
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
  }
}
