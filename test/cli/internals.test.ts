import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/cli/duration.js';
import { reportFailure } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { createNarrator } from '../../src/cli/narrator.js';
import { parseSeedRange, parseShard, seedArray, shardSeeds } from '../../src/cli/options.js';
import { InOrder } from '../../src/cli/sweep-pool.js';
import type { Rec } from '../../src/check/types.js';

function memoryIo(): Io & { errors: string[] } {
  const errors: string[] = [];
  return { out: () => undefined, err: (t) => void errors.push(t), chalk: new Chalk({ level: 0 }), stderrIsTTY: false, errors };
}

describe('CLI internals', () => {
  it('an unexpected error is one line and exit 3, distinct from bad input', () => {
    const io = memoryIo();
    expect(reportFailure(new TypeError('cannot read x of undefined\n    at somewhere (file.ts:1:1)'), ['run'], io)).toBe(3);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toMatch(/^recovery-sim: internal error: cannot read x of undefined \(a bug in recovery-sim; set RECOVERY_SIM_DEBUG=1 for the stack trace\)$/);
  });

  it('shards cut a seed range into consecutive blocks: concatenated in shard order, they are the range', () => {
    const range = parseSeedRange('10..30');
    const parts = [1, 2, 3, 4].map((i) => seedArray(shardSeeds(range, parseShard(`${i}/4`))));
    expect(parts.flat()).toEqual(seedArray(shardSeeds(range, undefined)));
    expect(parts.map((p) => p.length)).toEqual([5, 5, 5, 6]);
    expect(parts[1]).toEqual([15, 16, 17, 18, 19]);
    // More shards than seeds: some blocks are empty, none holds a seed twice.
    expect([1, 2, 3, 4].map((i) => seedArray(shardSeeds(parseSeedRange('1..2'), parseShard(`${i}/4`))))).toEqual([[], [1], [], [2]]);
    // Block ends past the safe integers are exact (computed in BigInt).
    const huge = parseSeedRange('0..9007199254740990');
    const blocks = [1, 2, 3].map((i) => shardSeeds(huge, parseShard(`${i}/3`)));
    expect(blocks.map((b) => b.count)).toEqual([3002399751580330, 3002399751580330, 3002399751580331]);
    expect(blocks[1]?.seedAt(0)).toBe(3002399751580330);
    expect(blocks[2]?.seedAt(3002399751580330)).toBe(9007199254740990);
    expect(parseSeedRange('7')).toEqual({ first: 7, last: 7 });
  });

  it('hands results on in seed order whatever order they complete in', () => {
    const out: string[] = [];
    const ordered = new InOrder<string>((s) => out.push(s));
    for (const [i, s] of [[2, 'c'], [0, 'a'], [3, 'd'], [1, 'b']] as const) ordered.add(i, s);
    expect(out).toEqual(['a', 'b', 'c', 'd']);
  });

  it('narration matches nested fields, skips and speaks once', () => {
    const narrate = createNarrator([{ on: 'fault', when: { 'action.kind': 'partition' }, skip: 1, say: 'second partition' }]);
    const partition = { i: 0, t: 0, type: 'fault', action: { at: 0, kind: 'partition', from: ['n1'], to: ['n2'] } } as unknown as Rec;
    const heal = { i: 1, t: 0, type: 'fault', action: { at: 0, kind: 'heal' } } as unknown as Rec;
    expect([narrate(partition), narrate(heal), narrate(partition), narrate(partition)]).toEqual([undefined, undefined, 'second partition', undefined]);
  });
});

describe('--for durations', () => {
  it('reads units and combinations, and refuses bare numbers, junk and more than a week', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration(' 90S ')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(250)).toBe('250ms');
    expect(() => parseDuration('10')).toThrow(/--for 10 has no unit: write 10s for seconds or 10m for minutes/);
    expect(() => parseDuration('ten minutes')).toThrow(/--for must be a duration such as 30s, 10m or 1h30m, got "ten minutes"/);
    expect(() => parseDuration('0s')).toThrow(/is no time at all/);
    expect(() => parseDuration('8d')).toThrow(/more than a week/);
  });
});
