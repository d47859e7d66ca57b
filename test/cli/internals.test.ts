import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
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

  it('shards partition a seed range: every seed exactly once, in order within a shard', () => {
    const range = parseSeedRange('10..30');
    const parts = [1, 2, 3, 4].map((i) => seedArray(shardSeeds(range, parseShard(`${i}/4`))));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(seedArray(shardSeeds(range, undefined)));
    expect(seedArray(shardSeeds(parseSeedRange('1..2'), parseShard('3/4')))).toEqual([]);
    expect(shardSeeds(parseSeedRange('0..9007199254740990'), parseShard('2/3')).count).toBe(3002399751580330);
    expect(parts[1]).toEqual([11, 15, 19, 23, 27]);
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
