import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sweep --save-failures and recovery-sim corpus', () => {
  it('saves a mutation\'s first catch, shrunk, once per scenario and switch; the corpus replays it; a tampered entry fails; a broken one is bad input', async () => {
    const corpus = join(dir, 'corpus');
    const first = await cli(['sweep', 'random-faults', '--seeds', '1..4', '--mutate', 'no-fencing', '--jobs', '2', '--save-failures', corpus]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^corpus: wrote .*random-faults-seed2-no-fencing\.json \(must stay caught by fencing, shrunk from \d+ to \d+ fault actions\)$/m);
    expect(first.stderr).toMatch(/^corpus: 2 more failing seeds not saved: the corpus holds their mutation and scenario already/m);
    // The same class again: nothing new.
    const again = await cli(['sweep', 'random-faults', '--seeds', '5..6', '--mutate', 'no-fencing', '--jobs', '2', '--save-failures', corpus]);
    expect(again.stderr).toMatch(/^corpus: \d+ more failing seeds? not saved/m);
    expect(readdirSync(corpus)).toEqual(['random-faults-seed2-no-fencing.json']);

    const replayed = await cli(['corpus', corpus, '--jobs', '2']);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(/^ok {3}random-faults-seed2-no-fencing: still caught by fencing$/m);
    expect(replayed.stdout).toMatch(/^ok {3}random-faults-seed2-no-fencing \(shrunk\): still caught by fencing$/m);
    expect(replayed.stdout).toMatch(/1 entry, 2 runs, all as expected/);

    // Claim the fix is in (the entry must pass): the replay must say the bug is back.
    const file = join(corpus, 'random-faults-seed2-no-fencing.json');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...entry, expect: { verdict: 'pass' } }));
    const tampered = await cli(['corpus', corpus, '--jobs', '2']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^FAIL random-faults-seed2-no-fencing: violates .*fencing.*: the bug it records is back\n {5}replay: npx recovery-sim run random-faults --seed 2 --mutate no-fencing$/m);

    writeFileSync(file, JSON.stringify({ ...entry, seed: -1 }));
    const broken = await cli(['corpus', corpus]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/random-faults-seed2-no-fencing\.json: seed: /);
    // A sweep saving into a corpus with a broken entry stops before it runs.
    const blocked = await cli(['sweep', 'random-faults', '--seeds', '1..1', '--save-failures', corpus]);
    expect(blocked.code).toBe(2);
  });

  it('--save-failures naming a file is refused before the sweep starts', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const r = await cli(['sweep', 'log-crash', '--seeds', '1..2', '--save-failures', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--save-failures .*a-file: that is a file; the corpus is a directory of \.json entries/);
  });

  it('an empty or missing corpus replays as nothing to do', async () => {
    const r = await cli(['corpus', join(dir, 'none')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no entries/);
  });
});
