import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from './helpers.js';

/** Bad input: one clear message naming the flag or field and the fix, exit 2, never a stack trace. */
async function badInput(args: string[]): Promise<string> {
  const r = await cli(args);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  return r.stderr;
}

describe.concurrent('bad flags', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'\. Commands: run, sweep, merge, corpus, shrink, demo, report, list, explain/],
    [['run', '--bogus'], /recovery-sim run: unknown option '--bogus'\. See `recovery-sim run --help`\./],
    [['run', '--seed', 'abc'], /--seed must be a non-negative integer .*, got "abc"\. Example: --seed 42\./],
    [['run', '--seed', '-3'], /--seed must be a non-negative integer .*, got "-3"/],
    [['run', '--seed', '2.5'], /--seed must be a non-negative integer .*, got "2\.5"/],
    [['run', '--mutate', 'foo'], /--mutate: unknown mutation "foo"\. Allowed: lock-all-available, .*no-fencing/],
    [['run', '--mutate', 'no-fencin'], /Did you mean "no-fencing"\?/],
    [['run', '--mutate', 'no-fencing', '--no-mutations'], /--mutate and --no-mutations contradict each other/],
    [['run', '--json', '--verbose'], /--verbose prints the timeline, which --json leaves out/],
    [['run', '--trace', '/no/such/dir/t.jsonl'], /--trace \/no\/such\/dir\/t\.jsonl: cannot write the trace file \(its directory does not exist\)/],
    [['run', '--ordering', 'fifo'], /--ordering must be random or pct .*, got "fifo"\. Example: --ordering pct\./],
    [['sweep', '--seeds', '1..2', '--ordering', 'PCT'], /--ordering must be random or pct/],
    [['sweep'], /sweep needs --seeds A\.\.B/],
    [['sweep', '--seeds', '5..2'], /--seeds 5\.\.2 is empty: the first seed \(5\) is above the last \(2\)/],
    [['sweep', '--seeds', 'abc'], /--seeds must be A\.\.B with non-negative integer seeds, got "abc"/],
    [['sweep', '--seeds', '1..4', '--jobs', '0'], /--jobs must be a positive integer \(worker threads\), got "0"/],
    [['sweep', '--seeds', '1..4', '--jobs', '-2'], /--jobs must be a positive integer \(worker threads\), got "-2"/],
    [['sweep', '--seeds', '1..4', '--shard', '3/2'], /--shard 3\/2: the part I must be between 1 and N=2, got 3/],
    [['sweep', '--seeds', '1..4', '--shard', '0/2'], /--shard 0\/2: the part I must be between 1 and N=2, got 0/],
    [['sweep', '--seeds', '1..4', '--shard', 'half'], /--shard must be I\/N/],
    [['sweep', '--seeds', '1..4', '--shard', '1/99999999999999999999'], /--shard 1\/99999999999999999999: N \(the number of parts\) must be at most 1,000,000, got 99999999999999999999\. Example: --shard 2\/4\./],
    [['sweep', '--seeds', '1..4', '--shard', '1/1000001'], /--shard 1\/1000001: N \(the number of parts\) must be at most 1,000,000, got 1000001/],
    [['sweep', '--seeds', '1..4', '--shard', '99999999999999999999/4'], /--shard 99999999999999999999\/4: the part I must be between 1 and N=4, got 99999999999999999999\./],
    [['sweep', '--seeds', '1..99999999999999999999'], /--seeds 1\.\.99999999999999999999: a seed must be at most 9007199254740991/],
    [['sweep', '--seeds', '0..9007199254740991'], /--seeds 0\.\.9007199254740991 holds more than 9007199254740991 seeds\. Start at 1/],
    [['sweep', '--seeds', '1..4', '--jobs', '2.5'], /--jobs must be a positive integer \(worker threads\), got "2\.5"/],
    [['sweep', '--seeds', '1..4', '--jobs', '99999999999999999999'], /--jobs must be a positive integer \(worker threads\), got "99999999999999999999"/],
    [['power', '--seeds', '1..4', '--jobs', '0'], /--jobs must be a positive integer \(worker threads\), got "0"/],
    [['power', '--seeds', '1..9007199254740991', '--mutate', 'no-fencing'], /--seeds 1\.\.9007199254740991 gives 18014398509481982 runs \(1 mutation × 2 scenarios × the seeds\), more than can be counted exactly/],
    [['run', '--trace', '/dev/full'], /--trace \/dev\/full: cannot write the trace file \(no space left on the device\)/],
    [['shrink'], /recovery-sim shrink: missing required argument 'scenario'/],
    [['shrink', 'log-crash'], /shrink needs --seed N/],
    [['report', 'bootstrap'], /report needs --out FILE\.html/],
    [['list', 'things'], /list what\? Give one of scenarios, mutations, invariants, got "things"/],
    [['explain', 'nothing-here'], /nothing called "nothing-here" to explain\. Known ids: scenarios .*log-crash.*; mutations .*; invariants /],
    [['demo', 'nope'], /no demo called "nope"\. Demos: bootstrap, /],
    [['run', '--seed'], /recovery-sim run: option '--seed <n>' argument missing/],
  ])('%j', async (args, message) => {
    expect(await badInput(args)).toMatch(message);
  });
});

describe.concurrent('bad scenario files', () => {
  it('a missing file names the bundled scenarios', async () => {
    expect(await badInput(['run', 'no-such-scenario'])).toMatch(/^no-such-scenario: no such scenario file, and no bundled scenario of that name\. Bundled scenarios: .*log-crash/);
    expect(await badInput(['run', 'test/cli/fixtures/missing.json'])).toMatch(/^test\/cli\/fixtures\/missing\.json: no such scenario file/);
  });

  it('invalid JSON and YAML give the position', async () => {
    expect(await badInput(['run', fixture('bad-json.json')])).toMatch(/^test\/cli\/fixtures\/bad-json\.json: invalid JSON: line 5, column 5: /);
    expect(await badInput(['run', fixture('bad-yaml.yaml')])).toMatch(/^test\/cli\/fixtures\/bad-yaml\.yaml: invalid YAML: line \d+, column \d+: /);
  });

  it('a bad field gives one line per problem with its JSON path', async () => {
    const err = await badInput(['run', fixture('bad-field.json')]);
    expect(err).toContain('test/cli/fixtures/bad-field.json: cluster.nodes[2].capabilities[0]: expected one of coordination|log|storage, got "logs" (did you mean "log"?)');
    expect(err).toMatch(/bad-field\.json: \(top level\): unknown field "durationMS" \(did you mean "durationMs"\?\)/);
    expect(err).toMatch(/the scenario cannot be used \(2 problems above\)/);
  });

  it('many problems: the first thirty shown, the rest counted, and the total in the last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'many-problems-'));
    const file = join(dir, 'many.json');
    const nodes = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, capabilities: ['logs'] }));
    writeFileSync(file, JSON.stringify({ name: 'many', cluster: { nodes } }));
    const err = await badInput(['run', file]);
    expect(err).toMatch(/… and \d+ more problems/);
    expect(err).toMatch(/the scenario cannot be used \(\d\d problems, the first shown\)/);
  });

  it('an unknown mutation in a file lists the allowed ids', async () => {
    expect(await badInput(['run', fixture('unknown-mutation.json')])).toMatch(/unknown-mutation\.json: mutations\[0\]: expected one of lock-all-available\|.*\|no-fencing\|.*, got "no-fencin" \(did you mean "no-fencing"\?\)/);
  });

  it('a shape next to a cluster, and a range with min above max, name the field and the fix', async () => {
    const err = await badInput(['run', fixture('shape-and-cluster.json')]);
    expect(err).toMatch(/shape-and-cluster\.json: shape: give either "cluster" \(the nodes by name\) or "shape" \(a cluster drawn from each seed\), not both; remove one of them/);
    expect(err).toMatch(/shape-and-cluster\.json: shape\.nodes: min 8 is above max 4; a range is \[min, max\] with min <= max/);
    expect(err).toMatch(/the scenario cannot be used \(2 problems above\)/);
  });

  it('cross-field problems name each field', async () => {
    const err = await badInput(['sweep', fixture('cross-field.json'), '--seeds', '1..2']);
    expect(err).toMatch(/cluster\.nodes\[2\]\.id: duplicate node id "n2"/);
    expect(err).toMatch(/cluster\.coordinators\[1\]: node "n2" lacks the "coordination" capability/);
    expect(err).toMatch(/faults\.script\[0\]\.node: unknown node "n9"/);
  });
});
