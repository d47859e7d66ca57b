import { describe, expect, it } from 'vitest';
import { problems } from './problems.js';
import { loadScenario, validateScenario } from '../../src/scenario/load.js';
import { pinnedShape } from '../../src/scenario/pin-shape.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { SHAPE_DEFAULTS, shapeCluster, WAN_LATENCY_MS, wanElectionTimeouts, type ShapeDraw } from '../../src/scenario/shapes.js';
import type { Scenario } from '../../src/scenario/types.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
const randomShapes = (): Scenario => loadScenario('random-shapes').scenario;


const within = (x: number, [lo, hi]: readonly [number, number]): boolean => x >= lo && x <= hi;

describe('cluster shapes drawn from the seed', () => {
  it('the same seed draws the same shape, cluster and fault plan', () => {
    const scenario = randomShapes();
    for (const seed of [1, 17, 4242]) {
      const a = resolveScenario(scenario, seed);
      const b = resolveScenario(scenario, seed);
      expect(b.shape).toEqual(a.shape);
      expect(b.cluster.nodes).toEqual(a.cluster.nodes);
      expect(b.cluster.coordinators).toEqual(a.cluster.coordinators);
      expect(b.plan).toEqual(a.plan);
    }
  });

  it(`${SEEDS.length} seeds stay within the default ranges and build well-formed clusters`, () => {
    const scenario = randomShapes();
    const d = SHAPE_DEFAULTS;
    const seen = { nodes: new Set<number>(), roles: new Set<string>(), coordinators: new Set<number>(), loss: new Set<boolean>(), duplication: new Set<boolean>() };
    for (const seed of SEEDS) {
      const r = resolveScenario(scenario, seed);
      const s = r.shape;
      if (s === undefined) throw new Error(`seed ${seed}: no shape drawn`);
      const nodes = r.cluster.nodes;
      const logNodes = nodes.filter((n) => n.capabilities.includes('log')).length;
      const storageNodes = nodes.filter((n) => n.capabilities.includes('storage')).length;
      const at = `seed ${seed}: ${JSON.stringify(s)}`;

      expect(within(s.nodes, d.nodes), at).toBe(true);
      expect(nodes.map((n) => n.id), at).toEqual(Array.from({ length: s.nodes }, (_, i) => `n${i + 1}`));
      expect(d.roles, at).toContain(s.roles);
      expect(s.coordinators, at).toBeLessThanOrEqual(s.nodes);
      expect(s.coordinators % 2, at).toBe(1);
      expect(r.cluster.coordinators, at).toEqual(nodes.slice(0, s.coordinators).map((n) => n.id));
      for (const id of r.cluster.coordinators) expect(nodes.find((n) => n.id === id)?.capabilities, at).toContain('coordination');
      if (s.roles === 'shared') for (const n of nodes) expect(n.capabilities, at).toEqual(['coordination', 'log', 'storage']);
      expect(logNodes, at).toBeGreaterThanOrEqual(1);
      expect(storageNodes, at).toBeGreaterThanOrEqual(1);

      expect(within(s.desiredLogs, d.desiredLogs), at).toBe(true);
      expect(s.desiredLogs, at).toBeLessThanOrEqual(logNodes);
      expect(within(s.replicationFactor, d.replicationFactor), at).toBe(true);
      expect(s.replicationFactor, at).toBeLessThanOrEqual(storageNodes);
      expect(Number.isInteger(s.ratePerSec) && within(s.ratePerSec, d.ratePerSec), at).toBe(true);
      expect(within(s.readShare, d.readShare), at).toBe(true);
      expect(Math.round(s.readShare * 100) / 100, at).toBe(s.readShare);
      expect(s.duplicateRate === 0 || within(s.duplicateRate, d.duplicateRate), at).toBe(true);

      // The cluster runs with what was drawn.
      expect(r.cluster.params.desiredLogs, at).toBe(s.desiredLogs);
      expect(r.cluster.params.replicationFactor, at).toBe(s.replicationFactor);
      expect(r.cluster.workload.ratePerSec, at).toBe(s.ratePerSec);
      expect(r.cluster.workload.readShare, at).toBe(s.readShare);
      expect(r.network.duplicateRate, at).toBe(s.duplicateRate);
      if (!s.loss) {
        expect(r.swarm?.families, at).not.toContain('loss');
        expect(r.plan.actions.filter((a) => a.kind === 'set-loss'), at).toEqual([]);
      }

      seen.nodes.add(s.nodes);
      seen.roles.add(s.roles);
      seen.coordinators.add(s.coordinators);
      seen.loss.add(s.loss);
      seen.duplication.add(s.duplicateRate > 0);
    }
    // The defaults are really explored, not one corner of them.
    expect(seen.nodes.size).toBe(d.nodes[1] - d.nodes[0] + 1);
    expect([...seen.roles].sort()).toEqual(['shared', 'split']);
    expect([...seen.coordinators].sort()).toEqual([1, 3, 5]);
    expect(seen.loss.size).toBe(2);
    expect(seen.duplication.size).toBe(2);
  });

  it('every drawn cluster, written out as a scenario, validates and replays the same run', () => {
    const scenario = randomShapes();
    for (const seed of SEEDS) {
      const resolved = resolveScenario(scenario, seed);
      const pinned = pinnedShape(resolved);
      expect(problems(pinned), `seed ${seed}`).toEqual([]);
      const again = resolveScenario(validateScenario(pinned, 'x.json'), seed);
      expect(again.cluster.nodes).toEqual(resolved.cluster.nodes);
      expect(again.cluster.coordinators).toEqual(resolved.cluster.coordinators);
      expect(again.cluster.params).toEqual(resolved.cluster.params);
      expect(again.cluster.workload).toEqual(resolved.cluster.workload);
      expect(again.network).toEqual(resolved.network);
      expect(again.plan).toEqual(resolved.plan);
    }
  });

  it('draws the cluster from its own stream: the fault plan is the one a named cluster of the same nodes gets', () => {
    const shaped: Scenario = { ...randomShapes(), shape: { nodes: [6, 6], roles: ['shared'], loss: 1 } };
    const nodes = Array.from({ length: 6 }, (_, i) => ({ id: `n${i + 1}`, capabilities: ['coordination', 'log', 'storage'] as const }));
    for (const seed of [2, 9, 31]) {
      // coordinator-partition aims at the coordinators' nodes, so the named cluster names the drawn ones
      const drawn = resolveScenario(shaped, seed);
      const { shape: _shape, ...named } = { ...shaped, cluster: { nodes, coordinators: [...drawn.cluster.coordinators] } };
      expect(drawn.plan).toEqual(resolveScenario(named, seed).plan);
    }
  });

  it('settings given explicitly win over drawn ones, and an explicit family list loses only "loss"', () => {
    const scenario: Scenario = {
      ...randomShapes(),
      shape: { loss: 0, duplication: 1 },
      params: { replicationFactor: 1 },
      workload: { ratePerSec: 7 },
      network: { duplicateRate: 0.2 },
      faults: { random: { families: ['loss', 'crash'] }, quietAtMs: 20_000 },
    };
    for (const seed of [1, 2, 3]) {
      const r = resolveScenario(scenario, seed);
      expect(r.cluster.params.replicationFactor).toBe(1);
      expect(r.cluster.workload.ratePerSec).toBe(7);
      expect(r.network.duplicateRate).toBe(0.2);
      expect(r.shape?.loss).toBe(false);
      expect(r.swarm?.families).toEqual(['crash']);
    }
  });
});

describe('shapeCluster', () => {
  const draw = (over: Partial<ShapeDraw>): ShapeDraw => ({
    nodes: 4,
    coordinators: 3,
    roles: 'split',
    desiredLogs: 5,
    replicationFactor: 3,
    ratePerSec: 10,
    readShare: 0.123,
    duplication: false,
    duplicateRate: 0.03,
    loss: true,
    shards: 1,
    logGroups: 1,
    spareStorage: 0,
    commitProxies: 1,
    strictPlacement: false,
    replicationChange: null,
    wanLatencyMs: null,
    ...over,
  });

  it('split: coordinators first, then log, storage, log, …', () => {
    const c = shapeCluster(draw({ nodes: 7 }));
    expect(c.nodes.map((n) => n.capabilities.join('+'))).toEqual(['coordination', 'coordination', 'coordination', 'log', 'storage', 'log', 'storage']);
    expect(c.params).toEqual({ desiredLogs: 2, replicationFactor: 2, shards: 1, logGroups: 1, storageServers: 2, desiredCommitProxies: 1, strictPlacement: false });
    expect(c.workload).toEqual({ ratePerSec: 10, readShare: 0.12 });
    expect(c.network).toEqual({ duplicateRate: 0 });
  });

  it('split: coordination nodes take over storage, or logs and storage, when nothing else would run them', () => {
    expect(shapeCluster(draw({ nodes: 4 })).nodes.map((n) => n.capabilities.join('+'))).toEqual([
      'coordination+storage',
      'coordination+storage',
      'coordination+storage',
      'log',
    ]);
    const all = shapeCluster(draw({ nodes: 3 }));
    expect(all.nodes.map((n) => n.capabilities.join('+'))).toEqual(Array(3).fill('coordination+log+storage'));
    expect(all.shape).toMatchObject({ desiredLogs: 3, replicationFactor: 3 });
  });

  it('strict placement applies only where every log and storage server a new cluster creates (and a changed R) has a node of its own', () => {
    // 7 split nodes: 2 log nodes, 2 storage nodes.
    expect(shapeCluster(draw({ nodes: 7, strictPlacement: true, desiredLogs: 2, replicationFactor: 2 })).shape.strictPlacement).toBe(true);
    expect(shapeCluster(draw({ nodes: 7, strictPlacement: true, desiredLogs: 2, shards: 1, logGroups: 2 })).shape.strictPlacement).toBe(false);
    expect(shapeCluster(draw({ nodes: 7, strictPlacement: true, desiredLogs: 1, replicationFactor: 2, spareStorage: 1 })).shape.strictPlacement).toBe(false);
    expect(shapeCluster(draw({ nodes: 7, strictPlacement: false })).params.strictPlacement).toBe(false);
  });

  it('a replication change is capped at the storage nodes, and dropped when it changes nothing', () => {
    const up = shapeCluster(draw({ nodes: 7, replicationFactor: 1, replicationChange: { at: 0.5, replicationFactor: 3 } }));
    expect(up.shape.replicationChange).toEqual({ at: 0.5, replicationFactor: 2 });
    expect(shapeCluster(draw({ nodes: 7, replicationFactor: 2, replicationChange: { at: 0.5, replicationFactor: 3 } })).shape.replicationChange).toBeNull();
    expect(shapeCluster(draw({ nodes: 7, commitProxies: 3 })).params.desiredCommitProxies).toBe(3);
  });

  it('a wide-area network sets the latency and election timeouts above a round trip; the seed then keeps the default timeouts', () => {
    const wide = shapeCluster(draw({ nodes: 7, wanLatencyMs: 130 }));
    expect(wide.network).toEqual({ duplicateRate: 0, baseLatencyMs: 130, jitterMs: 20 });
    expect(wide.params).toMatchObject({ electionTimeoutMinMs: 510, electionTimeoutMaxMs: 740 });
    // The shortest election timeout outlasts the longest round trip plus a heartbeat.
    expect(wanElectionTimeouts(WAN_LATENCY_MS[1]).electionTimeoutMinMs).toBeGreaterThan(2 * (WAN_LATENCY_MS[1] + 20) + 100);
    expect(shapeCluster(draw({ nodes: 7 })).network).toEqual({ duplicateRate: 0 });
    const scenario = randomShapes();
    const seeds = SEEDS.filter((seed) => resolveScenario(scenario, seed).shape?.wanLatencyMs !== null);
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) {
      const r = resolveScenario(scenario, seed);
      expect(r.timeouts, `seed ${seed}`).toEqual({});
      expect(within(r.shape?.wanLatencyMs ?? 0, WAN_LATENCY_MS), `seed ${seed}`).toBe(true);
      expect(r.network.baseLatency, `seed ${seed}`).toBeDefined();
    }
  });

  it('a count of coordinators above the node count falls back to the largest odd count that fits', () => {
    expect(shapeCluster(draw({ nodes: 4, coordinators: 5, roles: 'shared' })).coordinators).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('the shape block in scenario files', () => {
  const cluster = { nodes: [{ id: 'n1', capabilities: ['coordination', 'log', 'storage'] }] };

  it('accepts shape on its own, and rejects it next to cluster, or neither', () => {
    expect(problems({ name: 'x', shape: {} })).toEqual([]);
    expect(problems({ name: 'x', shape: {}, cluster })).toEqual([
      'x.json: shape: give either "cluster" (the nodes by name) or "shape" (a cluster drawn from each seed), not both; remove one of them',
    ]);
    expect(problems({ name: 'x' })).toEqual([
      'x.json: cluster: missing: give "cluster" (the nodes by name) or "shape" (a cluster drawn from each seed; "shape": {} takes every default)',
    ]);
  });

  it('names a range whose min is above its max, an even coordinator count, and bad values', () => {
    expect(problems({ name: 'x', shape: { nodes: [8, 4], coordinators: [3, 4] } })).toEqual([
      'x.json: shape.nodes: min 8 is above max 4; a range is [min, max] with min <= max, e.g. [4, 8]',
      'x.json: shape.coordinators[1]: 4 is even; give odd counts (4 coordinators survive no more failures than 3)',
    ]);
    const p = problems({ name: 'x', shape: { nodes: [0, 4], readShare: [0, 2], loss: 1.5, roles: ['splt'], desiredLogs: [2], nodez: 1 } });
    expect(p).toContain('x.json: shape.nodes[0]: must be > 0, got 0');
    expect(p).toContain('x.json: shape.readShare[1]: must be <= 1, got 2');
    expect(p).toContain('x.json: shape.loss: must be <= 1, got 1.5');
    expect(p).toContain('x.json: shape.roles[0]: expected one of shared|split, got "splt" (did you mean "split"?)');
    expect(p).toContain('x.json: shape.desiredLogs: needs at least 2 items');
    expect(p.find((l) => l.startsWith('x.json: shape: unknown field "nodez" (did you mean "nodes"?)'))).toBeDefined();
  });

  it('lets scripted faults and elections name only what every drawn cluster has', () => {
    const p = problems({
      name: 'x',
      shape: { nodes: [4, 6] },
      faults: { script: [{ at: 10, kind: 'crash-node', node: 'n5' }, { at: 20, kind: 'crash-node', node: 'n4' }], quietAtMs: 100 },
      elections: [{ atMs: 50, coordinator: 'n2' }, { atMs: 60, coordinator: 'n1' }],
    });
    expect(p).toEqual([
      'x.json: faults.script[0].node: unknown node "n5"; every cluster drawn from "shape" has n1|n2|n3|n4 (raise the min of shape.nodes to name more)',
      'x.json: elections[0].coordinator: "n2" does not run a coordinator in every cluster drawn from "shape"; pick one of n1',
    ]);
  });
});
