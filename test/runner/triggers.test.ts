import { describe, expect, it } from 'vitest';
import { nodeOf, toMs, type TraceRecord } from '../../sim/index.js';
import type { RunEvent } from '../../src/cluster/events.js';
import { workerName } from '../../src/cluster/names.js';
import type { MutationId } from '../../src/cluster/mutations.js';
import type { TransactionSystemLayout } from '../../src/cluster/types.js';
import { runScenario } from '../../src/runner/run.js';
import type { TriggerId } from '../../src/scenario/aimed.js';
import type { Scenario } from '../../src/scenario/types.js';
import { loadScenario, record } from '../cluster/scenarios.js';

type Rec = TraceRecord<RunEvent>;

/** log-crash's cluster with no fault but one trigger, which fires at every moment it aims at (up to its limit) until 20 s. */
function withTrigger(id: TriggerId): Scenario {
  const base = loadScenario('log-crash');
  return { ...base, faults: { script: [], quietAtMs: 20_000, aimed: { triggers: [{ id, chance: 1 }] } } };
}

function run(id: TriggerId, seed = 1, scenario: Scenario = withTrigger(id)) {
  const { result, records } = record(scenario, seed);
  const mutated = (...mutations: MutationId[]) => runScenario(scenario, { seed, mutations });
  const recs = records;
  const fired = recs.filter((r) => r.type === 'trigger-fired' && r.trigger === id);
  // The faults a firing applies at once: recorded after it, at the same instant.
  const faultsAfter = (firing: Rec): Extract<RunEvent, { type: 'fault' }>['action'][] =>
    recs.slice(recs.indexOf(firing) + 1).flatMap((r) => (r.t === firing.t && r.type === 'fault' ? [r.action] : []));
  const layouts = new Map(recs.flatMap((r) => (r.type === 'layout-built' ? [[r.epoch, r.tsl] as const] : [])));
  // How long (ms) the partition a firing applied held, until the heal of its id.
  const heldMs = (firing: Rec, cut: Extract<RunEvent, { type: 'fault' }>['action'] | undefined): number => {
    const heal = recs.find((r) => r.type === 'fault' && r.action.kind === 'heal' && cut?.kind === 'partition' && r.action.id === cut.id) as Rec;
    return toMs(heal.t - firing.t);
  };
  return { result, recs, fired, faultsAfter, layouts, mutated, heldMs };
}

const addressOf = (tsl: TransactionSystemLayout, id: string): string => tsl.services.find((s) => s.id === id)?.address ?? '';

describe('faults aimed at protocol moments', () => {
  it('kill-layout-workers: once a layout is published, every log and storage worker of it is killed at once, and the reference protocol recovers', () => {
    const { result, fired, faultsAfter, layouts, mutated } = run('kill-layout-workers');
    expect(fired.length).toBeGreaterThan(0);
    const first = fired[0] as Rec & { detail: string };
    const epoch = Number(/epoch (\d+)/.exec(first.detail)?.[1]);
    const tsl = layouts.get(epoch) as TransactionSystemLayout;
    const storage = [...new Set(tsl.storageTeams.flatMap((t) => t.storageIds))];
    const expected = [
      ...tsl.logs.map((l) => ({ node: nodeOf(addressOf(tsl, l.id)), process: workerName('log', l.id) })),
      ...storage.map((id) => ({ node: nodeOf(addressOf(tsl, id)), process: workerName('storage', id) })),
    ];
    expect(faultsAfter(first).map((a) => (a.kind === 'kill-process' ? { node: a.node, process: a.process } : a))).toEqual(expected);
    // The next director finds nothing of the old layout answering at first: the moment
    // new-cluster-if-nothing-locked acts on.
    expect(result.mutationPoints['new-cluster-if-nothing-locked']).toBeGreaterThan(0);
    expect(result.violated).toEqual([]);
    // With the bug, that director takes the cluster for new and wipes it.
    expect(mutated('new-cluster-if-nothing-locked').violated).toContain('acts-on-promised-layout');
  });

  it('slow-unlock-replies: what one storage server sends its director is lost past the unlock timeout, so the director asks a serving server again', () => {
    const { result, fired, faultsAfter, recs, layouts, heldMs } = run('slow-unlock-replies');
    expect(fired.length).toBeGreaterThan(0);
    const first = fired[0] as Rec;
    const [cut, ...rest] = faultsAfter(first);
    expect(rest).toEqual([]);
    const phase = recs.find((r) => r.type === 'phase' && r.phase === 'storage-unlock' && r.t === first.t) as Extract<Rec, { type: 'phase' }>;
    const tsl = layouts.get(phase.epoch) as TransactionSystemLayout;
    const storageNodes = tsl.storageTeams.flatMap((t) => t.storageIds).map((id) => nodeOf(addressOf(tsl, id)));
    expect(cut).toMatchObject({ kind: 'partition', to: [nodeOf(phase.director)], oneWay: true });
    if (cut?.kind !== 'partition') return;
    expect(cut.from).toHaveLength(1);
    expect(storageNodes).toContain(cut.from[0]);
    expect(cut.from[0]).not.toBe(nodeOf(phase.director));
    const held = heldMs(first, cut);
    // Past the 5 s unlock timeout and the server's MVCC window.
    expect(held).toBeGreaterThanOrEqual(5500);
    expect(held).toBeLessThanOrEqual(10_000);
    // The director asked again a server already serving: the moment repeat-storage-unlock acts on.
    expect(result.mutationPoints['repeat-storage-unlock']).toBeGreaterThan(0);
    expect(result.violated).toEqual([]);
  });

  it('cut-off-recruits: while a director recruits logs, no log-capable node reaches it until its worker creations timed out', () => {
    const { result, fired, faultsAfter, recs, heldMs } = run('cut-off-recruits');
    expect(fired.length).toBeGreaterThan(0);
    const first = fired[0] as Rec;
    const [cut] = faultsAfter(first);
    const phase = recs.filter((r) => r.type === 'phase' && r.phase === 'log-recruitment' && r.t === first.t)[0] as Extract<Rec, { type: 'phase' }>;
    expect(cut).toMatchObject({ kind: 'partition', from: ['n4', 'n5', 'n6'].filter((n) => n !== nodeOf(phase.director)), to: [nodeOf(phase.director)], oneWay: true });
    const held = heldMs(first, cut);
    expect(held).toBeGreaterThanOrEqual(10_000 * 1.05);
    expect(held).toBeLessThanOrEqual(10_000 * 1.5);
    // Every log node failed the director: the next attempt trusts none, the moment of distrust-answering-nodes.
    expect(result.mutationPoints['distrust-answering-nodes']).toBeGreaterThan(0);
    expect(result.violated).toEqual([]);
  });

  it('lose-recruit-node: while a director recruits logs, the log nodes are cut off from it past their creation timeout, and one of them dies for good', () => {
    const { result, fired, faultsAfter, recs, heldMs } = run('lose-recruit-node');
    expect(fired).toHaveLength(1);
    const first = fired[0] as Rec;
    const [cut, crash, ...rest] = faultsAfter(first);
    expect(rest).toEqual([]);
    const phase = recs.find((r) => r.type === 'phase' && r.phase === 'log-recruitment' && r.t === first.t) as Extract<Rec, { type: 'phase' }>;
    const director = nodeOf(phase.director);
    expect(cut).toMatchObject({ kind: 'partition', from: ['n4', 'n5', 'n6'].filter((n) => n !== director), to: [director], oneWay: true });
    expect(crash).toMatchObject({ kind: 'crash-node', permanent: true });
    const victim = crash?.kind === 'crash-node' ? crash.node : '';
    expect(['n4', 'n5', 'n6'].filter((n) => n !== director)).toContain(victim);
    const held = heldMs(first, cut);
    expect(held).toBeGreaterThanOrEqual(10_000 * 1.05);
    expect(held).toBeLessThanOrEqual(10_000 * 3);
    // The quiet time restarts every other node, not this one, and the checkers know it is gone.
    expect(recs.some((r) => r.type === 'node-up' && r.node === victim && r.t > first.t)).toBe(false);
    expect(result.violated).toEqual([]);
  });

  it('miss-storage-lock: while a director takes its first-phase locks, nothing from it reaches one storage server of the published layout until the lock timed out', () => {
    // log-crash's own log crash makes a recovery from a published layout, the moment aimed at.
    const base = loadScenario('log-crash');
    const scenario: Scenario = { ...base, faults: { ...base.faults, aimed: { triggers: [{ id: 'miss-storage-lock', chance: 1 }] } } };
    const { result, fired, faultsAfter, recs, layouts, heldMs } = run('miss-storage-lock', 1, scenario);
    expect(fired.length).toBeGreaterThan(0);
    const first = fired[0] as Rec & { detail: string };
    const epoch = Number(/locking epoch (\d+)/.exec(first.detail)?.[1]);
    const tsl = layouts.get(epoch) as TransactionSystemLayout;
    const phase = recs.find((r) => r.type === 'phase' && r.phase === 'locking' && r.t === first.t) as Extract<Rec, { type: 'phase' }>;
    const [cut, ...rest] = faultsAfter(first);
    expect(rest).toEqual([]);
    expect(cut).toMatchObject({ kind: 'partition', from: [nodeOf(phase.director)], oneWay: true });
    if (cut?.kind !== 'partition') return;
    const storageNodes = tsl.storageTeams.flatMap((t) => t.storageIds).map((id) => nodeOf(addressOf(tsl, id)));
    expect(cut.to).toHaveLength(1);
    expect(storageNodes).toContain(cut.to[0]);
    const held = heldMs(first, cut);
    // Past the first-phase lock timeout (2 s by default), at most twice it.
    expect(held).toBeGreaterThanOrEqual(2000 * 1.1);
    expect(held).toBeLessThanOrEqual(2000 * 2);
    // The server never answered: the director's team keeps a vacancy for it, the moment of keep-unreachable-members.
    expect(result.mutationPoints['keep-unreachable-members']).toBeGreaterThan(0);
    expect(result.violated).toEqual([]);
  });

  it('strand-storage-server: a storage server misses every lock, the layout published without relocking it loses its logs, and the recovery that rebuilds logs it pulls from never publishes', () => {
    const base = loadScenario('random-faults');
    const scenario: Scenario = { ...base, faults: { ...base.faults, aimed: { triggers: [{ id: 'strand-storage-server', chance: 1 }] } } };
    const { result, recs, fired, faultsAfter } = run('strand-storage-server', 13, scenario);
    const step = (what: RegExp) => fired.find((r) => what.test((r as Rec & { detail: string }).detail)) as Rec & { detail: string };
    const start = step(/is locking epoch \d+'s services/);
    const [cut] = faultsAfter(start);
    // Only what reaches the server's own process is cut: the rest of its node still hears the director.
    expect(cut).toMatchObject({ kind: 'partition', oneWay: true, onlyTo: expect.stringMatching(/^storage-/) });
    const server = cut?.kind === 'partition' ? (cut.onlyTo ?? '').slice('storage-'.length) : '';
    const published = step(/was published, (\S+) left behind/);
    expect(published.detail).toContain(server);
    expect(faultsAfter(published).every((a) => a.kind === 'kill-process' && a.process.startsWith('log-'))).toBe(true);
    const rebuilt = step(/rebuilt logs (\S+) still pulls from/);
    expect(rebuilt.detail).toContain(server);
    expect(rebuilt.i).toBeGreaterThan(published.i);
    const [isolate] = faultsAfter(rebuilt);
    expect(isolate).toMatchObject({ kind: 'partition', only: 'coordinator' });
    // Cut off past the director's call to its coordinator: that epoch is never published.
    const epoch = Number(/publishing epoch (\d+)/.exec(rebuilt.detail)?.[1]);
    expect(recs.some((r) => r.type === 'layout-published' && r.epoch === epoch)).toBe(false);
    expect(result.violated).toEqual([]);
    expect(result.mutationPoints['serve-other-generation-pulls']).toBeGreaterThan(0);
    expect(runScenario(scenario, { seed: 13, mutations: ['serve-other-generation-pulls'] }).violated).toContain('storage-consistent');
  });

  it('lose-recruit-node in random-faults: a director that retries freshly failed nodes waits out the dead one past the liveness bound', () => {
    const base = loadScenario('random-faults');
    const scenario: Scenario = { ...base, faults: { ...base.faults, aimed: { triggers: [{ id: 'lose-recruit-node', chance: 1 }] } } };
    const reference = runScenario(scenario, { seed: 70 });
    expect(reference.violated).toEqual([]);
    expect(reference.livenessJudged).toBe(true);
    expect(runScenario(scenario, { seed: 70, mutations: ['retry-freshly-failed-nodes'] }).violated).toContain('recovery-completes');
  });

  it('slow-unlock-replies after a real recovery: the repeated unlock of repeat-storage-unlock cuts off what the server made durable since', () => {
    // Faults (the script's log crash) until 30 s, and the run as long as liveness needs after that.
    const { durationMs: _ends, ...base } = loadScenario('log-crash');
    const scenario: Scenario = { ...base, faults: { ...base.faults, quietAtMs: 30_000, aimed: { triggers: [{ id: 'slow-unlock-replies', chance: 1 }] } } };
    expect(runScenario(scenario, { seed: 3 }).violated).toEqual([]);
    expect(runScenario(scenario, { seed: 3, mutations: ['repeat-storage-unlock'] }).violated).toContain('teams-replicated');
  });
});
