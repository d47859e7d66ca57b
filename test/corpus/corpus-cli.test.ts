import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliHere as cli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sweep --save-failures and recovery-sim corpus', () => {
  it('saves a mutation\'s first catch, shrunk, once per scenario and switch; the corpus replays it; a tampered entry fails; a broken one is bad input', async () => {
    const corpus = join(dir, 'corpus');
    const first = await cli(['sweep', 'log-crash', '--seeds', '1..3', '--mutate', 'recruit-old-layout', '--jobs', '2', '--save-failures', corpus]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^corpus: wrote .*log-crash-seed1-recruit-old-layout\.json \(must stay caught by selective-locking, shrunk from 2 to 1 fault actions\)$/m);
    expect(first.stderr).toMatch(/^corpus: 2 more failing seeds not saved: the corpus holds their mutation and scenario already/m);
    // The same class again: nothing new.
    const again = await cli(['sweep', 'log-crash', '--seeds', '4..5', '--mutate', 'recruit-old-layout', '--jobs', '2', '--save-failures', corpus]);
    expect(again.stderr).toMatch(/^corpus: \d+ more failing seeds? not saved/m);
    expect(readdirSync(corpus)).toEqual(['log-crash-seed1-recruit-old-layout.json']);

    const replayed = await cli(['corpus', corpus, '--jobs', '2']);
    expect(replayed.code).toBe(0);
    expect(replayed.stdout).toMatch(/^ok {3}log-crash-seed1-recruit-old-layout: still caught by selective-locking$/m);
    expect(replayed.stdout).toMatch(/^ok {3}log-crash-seed1-recruit-old-layout \(shrunk\): still caught by selective-locking$/m);
    expect(replayed.stdout).toMatch(/1 entry, 2 runs, all as expected/);

    // Claim the fix is in (the entry must pass): the replay must say the bug is back.
    const file = join(corpus, 'log-crash-seed1-recruit-old-layout.json');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...entry, expect: { verdict: 'pass' } }));
    const tampered = await cli(['corpus', corpus, '--jobs', '2']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^FAIL log-crash-seed1-recruit-old-layout: violates .*selective-locking.*: the bug it records is back\n {5}replay: npx recovery-sim run log-crash --seed 1 --mutate recruit-old-layout$/m);

    writeFileSync(file, JSON.stringify({ ...entry, seed: -1 }));
    const broken = await cli(['corpus', corpus]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/log-crash-seed1-recruit-old-layout\.json: seed: /);
    // A sweep saving into a corpus with a broken entry stops before it runs.
    const blocked = await cli(['sweep', 'log-crash', '--seeds', '1..1', '--save-failures', corpus]);
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
