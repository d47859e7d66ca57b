import { describe, expect, it } from 'vitest';
import { MemorySink, ms, Rng, scheduleFaultPlan, Simulation, type KernelEvent, type ProcessContext, type TraceRecord } from '../../sim/index.js';
import { msg, received, threeNodes } from './helpers.js';

function sendFrom(sim: Simulation, node: string, to: string, count: number): void {
  sim.spawn(node, `sender-${sim.scheduler.eventCount}-${to}`, (ctx) => {
    for (let i = 0; i < count; i++) ctx.send(`echo@${to}`, msg('hello'));
  });
}

describe('partitions with ids', () => {
  it('heal with an id ends only that partition; the others stay in force', () => {
    const sim = threeNodes();
    sim.network.partition(['a'], ['b'], false, { id: 'p1' });
    sim.network.partition(['a'], ['c'], false, { id: 'p2' });
    sim.network.healPartition('p1');
    sendFrom(sim, 'a', 'b', 3);
    sendFrom(sim, 'a', 'c', 3);
    sim.run();
    expect(received(sim, 'b')).toBe(3);
    expect(received(sim, 'c')).toBe(0);
    expect(sim.network.partitioned).toBe(true);
    sim.network.healAll();
    expect(sim.network.partitioned).toBe(false);
  });

  it('overlapping partitions of one link: healing one id leaves the link cut by the other', () => {
    const sim = threeNodes();
    sim.network.partition(['a'], ['b', 'c'], false, { id: 'wide' });
    sim.network.partition(['a'], ['b'], false, { id: 'narrow' });
    sim.network.healPartition('wide');
    expect(sim.network.isBlocked('a', 'b')).toBe(true);
    expect(sim.network.isBlocked('a', 'c')).toBe(false);
    sim.network.healPartition('narrow');
    expect(sim.network.isBlocked('a', 'b')).toBe(false);
  });

  it('in a fault plan: heal with an id, then heal without one ends everything', () => {
    const sim = threeNodes();
    const plan = {
      actions: [
        { at: 1, kind: 'partition' as const, from: ['a'], to: ['b'], id: 'p1' },
        { at: 1, kind: 'partition' as const, from: ['a'], to: ['c'], id: 'p2' },
        { at: 2, kind: 'heal' as const, id: 'p2' },
        { at: 4, kind: 'heal' as const },
      ],
      quietAtMs: 100,
    };
    scheduleFaultPlan(sim, plan, Rng.fromSeed(1));
    sim.run({ until: ms(3) });
    expect([sim.network.isBlocked('a', 'b'), sim.network.isBlocked('a', 'c')]).toEqual([true, false]);
    sim.run({ until: ms(5) });
    expect(sim.network.partitioned).toBe(false);
  });
});

/** Every node runs a `coordinator` and a `service`; each records who reached it. */
function coordinatorWorld(): { sim: Simulation; got: string[]; records: TraceRecord<KernelEvent>[] } {
  const sink = new MemorySink();
  const sim = new Simulation({ seed: 1, network: { baseLatency: ms(1), jitter: 0 }, sink });
  const got: string[] = [];
  const record = (ctx: ProcessContext): void => ctx.handle((i) => got.push(`${i.from.split('#')[0] ?? ''} -> ${ctx.address}`));
  for (const id of ['n1', 'n2', 'n3']) {
    sim.addNode(id, (node) => {
      node.spawn('coordinator', record);
      node.spawn('service', record);
    });
  }
  return { sim, got, records: sink.records as TraceRecord<KernelEvent>[] };
}

describe('partitions that cut only some processes', () => {
  it('an `only: coordinator` partition cuts coordinator to coordinator, not coordinator to the services on the same nodes', () => {
    const { sim, got, records } = coordinatorWorld();
    scheduleFaultPlan(sim, { actions: [{ at: 0, kind: 'partition', from: ['n1'], to: ['n2', 'n3'], only: 'coordinator' }], quietAtMs: 100 }, Rng.fromSeed(1));
    sim.scheduler.at(ms(1), () => {
      for (const [from, to] of [
        ['coordinator@n1', 'coordinator@n2'],
        ['coordinator@n2', 'coordinator@n1'],
        ['coordinator@n1', 'service@n2'],
        ['service@n2', 'coordinator@n1'],
        ['service@n1', 'service@n3'],
        ['coordinator@n2', 'coordinator@n3'],
      ] as const) {
        sim.lookup(from)?.send(to, msg('hi'));
      }
    });
    sim.run({ until: ms(50) });
    expect(got.sort()).toEqual(
      ['coordinator@n1 -> service@n2', 'service@n2 -> coordinator@n1', 'service@n1 -> service@n3', 'coordinator@n2 -> coordinator@n3'].sort(),
    );
    expect(records.flatMap((r) => (r.type === 'drop' ? [r.cause] : []))).toEqual(['partition', 'partition']);
    expect(sim.network.isBlocked('n1', 'n2', { from: 'coordinator', to: 'coordinator' })).toBe(true);
    // a node-level question (no process names) is not cut by a process-level partition
    expect(sim.network.isBlocked('n1', 'n2')).toBe(false);
  });

  it('an `onlyTo` partition cuts what reaches the matching processes, from any process of the cut nodes, one way', () => {
    const { sim, got } = coordinatorWorld();
    sim.network.partition(['n1'], ['n2'], true, { onlyTo: 'service' });
    for (const [from, to] of [
      ['coordinator@n1', 'service@n2'],
      ['service@n1', 'service@n2'],
      ['coordinator@n1', 'coordinator@n2'],
      ['service@n2', 'service@n1'],
      ['coordinator@n3', 'service@n2'],
    ] as const) {
      sim.lookup(from)?.send(to, msg('hi'));
    }
    sim.run();
    expect(got.sort()).toEqual(['coordinator@n1 -> coordinator@n2', 'service@n2 -> service@n1', 'coordinator@n3 -> service@n2'].sort());
    expect(sim.network.isBlocked('n1', 'n2', { from: 'coordinator', to: 'service' })).toBe(true);
    expect(sim.network.isBlocked('n1', 'n2')).toBe(false);
  });

  it('a prefix pattern cuts every process it matches', () => {
    const { sim, got } = coordinatorWorld();
    sim.network.partition(['n1'], ['n2'], false, { only: 'coord*' });
    sim.lookup('coordinator@n1')?.send('coordinator@n2', msg('hi'));
    sim.lookup('service@n1')?.send('service@n2', msg('hi'));
    sim.run();
    expect(got).toEqual(['service@n1 -> service@n2']);
  });
});
