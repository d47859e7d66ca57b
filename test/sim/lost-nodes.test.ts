import { describe, expect, it } from 'vitest';
import { applyFault, ms, nemesisStreams, nodesLostAtQuiet, Rng, scheduleFaultPlan, Simulation, type FaultAction } from '../../sim/index.js';

const plan = (actions: FaultAction[], quietAtMs = 100) => ({ actions, quietAtMs });

describe('nodes lost for good', () => {
  it('nodesLostAtQuiet: permanent crashes without a later restart', () => {
    expect(nodesLostAtQuiet(plan([]))).toEqual([]);
    expect(nodesLostAtQuiet(plan([{ at: 5, kind: 'crash-node', node: 'n2' }]))).toEqual([]);
    expect(nodesLostAtQuiet(plan([{ at: 5, kind: 'crash-node', node: 'n2', permanent: true }]))).toEqual(['n2']);
    // an explicit restart wins, in time order whatever the written order
    expect(
      nodesLostAtQuiet(plan([{ at: 9, kind: 'restart-node', node: 'n2' }, { at: 5, kind: 'crash-node', node: 'n2', permanent: true }])),
    ).toEqual([]);
    // a permanent crash after the restart counts again; a temporary crash of a lost node changes nothing
    expect(
      nodesLostAtQuiet(
        plan([
          { at: 5, kind: 'crash-node', node: 'n3', permanent: true },
          { at: 6, kind: 'restart-node', node: 'n3' },
          { at: 7, kind: 'crash-node', node: 'n3', permanent: true },
          { at: 8, kind: 'crash-node', node: 'n3' },
          { at: 9, kind: 'crash-node', node: 'n1', permanent: true },
        ]),
      ),
    ).toEqual(['n1', 'n3']);
    // actions at or after the quiet time never run
    expect(nodesLostAtQuiet(plan([{ at: 100, kind: 'crash-node', node: 'n2', permanent: true }]))).toEqual([]);
    expect(
      nodesLostAtQuiet(plan([{ at: 5, kind: 'crash-node', node: 'n2', permanent: true }, { at: 100, kind: 'restart-node', node: 'n2' }])),
    ).toEqual(['n2']);
  });

  it('the quiet time restarts temporarily crashed nodes but not a lost one; a scripted restart still brings it back', () => {
    const run = (actions: FaultAction[]): string[] => {
      const sim = new Simulation({ seed: 1 });
      for (const id of ['n1', 'n2', 'n3']) sim.addNode(id);
      scheduleFaultPlan(sim, plan(actions), Rng.fromSeed(1));
      sim.run({ until: ms(200) });
      return sim.nodeIds().filter((n) => !sim.isNodeUp(n));
    };
    expect(run([{ at: 5, kind: 'crash-node', node: 'n1' }, { at: 6, kind: 'crash-node', node: 'n2', permanent: true }])).toEqual(['n2']);
    expect(run([{ at: 6, kind: 'crash-node', node: 'n2', permanent: true }, { at: 50, kind: 'restart-node', node: 'n2' }])).toEqual([]);
  });

  it('a node crashed for good by a fault outside the plan (an aimed trigger) also stays down at the quiet time', () => {
    const sim = new Simulation({ seed: 1 });
    for (const id of ['n1', 'n2']) sim.addNode(id);
    scheduleFaultPlan(sim, plan([{ at: 5, kind: 'crash-node', node: 'n1' }]), Rng.fromSeed(1));
    sim.scheduler.at(ms(10), () => applyFault(sim, { at: 10, kind: 'crash-node', node: 'n2', permanent: true }, nemesisStreams(Rng.fromSeed(2))));
    sim.run({ until: ms(200) });
    expect(sim.nodeIds().filter((n) => !sim.isNodeUp(n))).toEqual(['n2']);
    expect(sim.isLostForGood('n2')).toBe(true);
  });
});
