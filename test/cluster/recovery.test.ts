import { describe, expect, it } from 'vitest';
import { loadScenario, ofType, raceScenario, record } from './scenarios.js';

const PROTOCOL_REQUESTS = ['lock', 'create-worker', 'start-proxy', 'recover-from', 'unlock-storage', 'unlock-proxy', 'commit', 'publish'];

describe('the default scenario (a log node crashes)', () => {
  const run = record(loadScenario('log-crash'), 1);
  const started = ofType(run.records, 'director-started');
  const firstLocks = ofType(run.records, 'lock-requested').filter((l) => l.phase === 'first');

  it('bootstraps at epoch 1, then recovers at a higher epoch, with no violation', () => {
    expect(run.result.verdict).toBe('pass');
    expect(run.result.published[0]?.epoch).toBe(1);
    expect(run.result.published.length).toBeGreaterThanOrEqual(2);
    expect(started[0]?.oldEpoch).toBeNull();
  });

  it('epoch 1 locks nothing in the first phase; later epochs lock only old-layout services', () => {
    expect(firstLocks.filter((l) => l.director === started[0]?.director)).toEqual([]);
    for (const d of started.slice(1)) {
      const mine = firstLocks.filter((l) => l.director === d.director);
      expect(mine.length).toBeGreaterThan(0);
      for (const lock of mine) expect(d.oldLayoutIds).toContain(lock.service);
    }
  });

  it('recruitment never picks an old-layout id; new logs go round-robin over reachable log nodes', () => {
    const recruited = ofType(run.records, 'recruited');
    for (const r of recruited) {
      const d = started.find((s) => s.director === r.director);
      for (const id of [...r.reused, ...r.created.map((c) => c.id)]) expect(d?.oldLayoutIds).not.toContain(id);
    }
    const recovery = recruited.find((r) => r.epoch > 1 && r.kind === 'log');
    // n5 crashed and its lock timed out, so placement wraps over n4 and n6.
    expect(recovery?.created.map((c) => c.node)).toEqual(['n4', 'n6', 'n4']);
  });

  it('after recovery every acknowledged commit is in every log of the new layout, unless popped once every replica had it', () => {
    const acked = ofType(run.records, 'commit-acked').filter((c) => c.epoch === 1 && !c.system);
    expect(acked.length).toBeGreaterThan(50);
    const latest = ofType(run.records, 'layout-built').at(-1);
    expect(latest?.epoch).toBe(run.result.published.at(-1)?.epoch);
    expect(latest?.tsl.logs.length).toBe(3);
    const replicas = [...new Set(latest?.tsl.storageTeams.flatMap((t) => t.storageIds) ?? [])];
    // A version below a replica's MVCC window is folded into its snapshot: there each key must
    // hold the last acknowledged value at or below the snapshot's version.
    const everyAck = [...ofType(run.records, 'commit-acked')].sort((a, b) => a.version - b.version);
    const lastValue = (key: string, upTo: number) =>
      everyAck.filter((c) => c.version <= upTo).flatMap((c) => c.writes.filter((w) => w.key === key)).at(-1)?.value;
    const onEveryReplica = (version: number, writes: readonly { key: string; value: string }[]) =>
      replicas.every((id) => {
        const applied = run.truth.storage(id)?.applied ?? [];
        const entry = applied.find((e) => e.version === version && e.snapshot === undefined);
        if (entry !== undefined) return writes.every((w) => entry.writes.some((h) => h.key === w.key && h.value === w.value));
        const snapshot = applied.find((e) => e.snapshot !== undefined && e.version >= version);
        return (
          snapshot !== undefined &&
          writes.every((w) => snapshot.writes.find((h) => h.key === w.key)?.value === lastValue(w.key, snapshot.version))
        );
      });
    let popped = 0;
    for (const log of latest?.tsl.logs ?? []) {
      const oldest = run.truth.log(log.id)?.oldest ?? 0;
      const entries = new Map((run.logEntries(log.id) ?? []).map((e) => [e.version, JSON.stringify(e.writes)]));
      for (const c of acked) {
        if (c.version > oldest) expect(entries.get(c.version)).toBe(JSON.stringify(c.writes));
        else {
          popped++;
          expect(onEveryReplica(c.version, c.writes)).toBe(true);
        }
      }
    }
    expect(popped).toBeGreaterThan(0);
  });

  it('commits resume in the new generation, above the recovery version', () => {
    const rv = run.result.published.at(-1)?.recoveryVersion ?? Infinity;
    const later = ofType(run.records, 'commit-acked').filter((c) => c.epoch > 1 && !c.system);
    expect(later.length).toBeGreaterThan(50);
    for (const c of later) expect(c.version).toBeGreaterThan(rv);
  });
});

describe('a leader cut off from the other coordinators', () => {
  const run = record(raceScenario(), 1);
  const started = ofType(run.records, 'director-started');

  it('keeps its director recovering while the majority elects a higher epoch', () => {
    const alive = (pid: string, at: number) =>
      !run.records.some((r) => r.type === 'process-down' && r.pid === pid && r.i < at);
    const overlapping = started.filter((later) => started.some((d) => d.epoch < later.epoch && alive(d.director, later.i)));
    expect(overlapping.length).toBeGreaterThan(0);
    expect(run.result.probes['concurrent-directors']).toBeGreaterThan(0);
  });

  it("never gets the partitioned leader's layout published", () => {
    const minority = started.find((d) => d.coordinator.startsWith('coordinator@n1') && d.epoch > 1);
    expect(minority).toBeDefined();
    expect(ofType(run.records, 'layout-built').some((b) => b.epoch === minority?.epoch)).toBe(true);
    expect(run.result.published.map((p) => p.epoch)).not.toContain(minority?.epoch);
    const accepted = ofType(run.records, 'tsl-accepted').filter((a) => a.epoch === minority?.epoch);
    expect(accepted.length).toBeLessThan(2);
    expect(run.result.verdict).toBe('pass');
  });
});

describe('a director told newer_epoch_exists', () => {
  const run = record(loadScenario('director-race'), 1);
  const seen = ofType(run.records, 'newer-epoch-seen');

  it('stops for good and sends no further protocol request', () => {
    expect(seen.length).toBe(1);
    const n = seen[0] as (typeof seen)[number];
    const later = ofType(run.records, 'send').filter((s) => s.from === n.director && s.i > n.i);
    expect(later.filter((s) => PROTOCOL_REQUESTS.includes(s.msg.type))).toEqual([]);
    const down = run.records.find((r) => r.type === 'process-down' && r.pid === n.director);
    expect(down).toMatchObject({ reason: 'newer_epoch_exists' });
    expect(run.result.probes['director-stopped-by-newer-epoch']).toBe(1);
    expect(run.result.verdict).toBe('pass');
  });

  it('under mutation ignore-newer-epoch it keeps sending, and no-split-brain reports it', () => {
    const mutant = record(loadScenario('director-race'), 1, ['ignore-newer-epoch']);
    expect(mutant.result.violated).toContain('no-split-brain');
    expect(mutant.result.violations.find((v) => v.invariant === 'no-split-brain')?.message).toMatch(/after newer_epoch_exists reached it/);
  });
});
