import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../cli/helpers.js';
import { crossCheck } from '../../src/scenario/cross-check.js';
import { loadScenario, loadScenarioFile, ScenarioError, validateScenario } from '../../src/scenario/load.js';
import { MAX_PROBLEM_LINES } from '../../src/scenario/scenario-error.js';
import type { Scenario } from '../../src/scenario/types.js';

/**
 * Hostile scenario files, one or more per class of bad input: each must be refused with a
 * ScenarioError (exit 2 on the command line) whose message names the field and the fix, quickly,
 * and never with another exception (exit 3: a bug in recovery-sim).
 */

const HOSTILE = join(ROOT, 'test', 'scenario', 'hostile');
const scratch = mkdtempSync(join(tmpdir(), 'recovery-sim-hostile-'));
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** The problems a load gives; fails the test if it is accepted or throws anything else. */
function refused(load: () => unknown, kind: 'invalid' | 'missing' = 'invalid'): string[] {
  let caught: unknown;
  try {
    load();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'the file was accepted').toBeInstanceOf(ScenarioError);
  const error = caught as ScenarioError;
  expect(error.kind).toBe(kind);
  for (const line of error.problems) expect(line, 'a raw control character reached the message').not.toMatch(RAW_CONTROL);
  return [...error.problems];
}

const file = (name: string): string => join(HOSTILE, name);
const refusedFile = (name: string): string => refused(() => loadScenarioFile(file(name))).join('\n');
const refusedData = (data: unknown): string => refused(() => validateScenario(data, 'x.json')).join('\n');

function written(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i + 1}`, capabilities: ['coordination', 'log', 'storage'] as const }));

describe('numbers out of their range name the field and the range', () => {
  it.each([
    ['million-workers.json', 'cluster.workers[0].count: must be >= 1 and <= 100, got 1000000'],
    ['ten-thousand-proxies.json', 'params.desiredCommitProxies: must be >= 1 and <= 32, got 10000'],
    ['sub-microsecond-heartbeat.json', 'params.heartbeatMs: must be >= 1 and <= 60000, got 0.0001'],
    ['sub-microsecond-gap.json', 'faults.random.meanGapMs: must be >= 1 and <= 3600000, got 0.0001'],
    ['endless-workload.json', 'workload.ratePerSec: must be >= 0 and <= 2000, got 1e+308'],
    ['trillion-ms-run.json', 'durationMs: must be >= 0.001 and <= 14400000, got 1000000000000'],
    ['trillion-ms-quiet.json', 'faults.quietAtMs: must be >= 0 and <= 14400000, got 1000000000000'],
    ['trillion-ms-action.json', 'faults.script[0].at: must be >= 0 and <= 14400000, got 1000000000000'],
  ])('%s', (name, message) => {
    expect(refusedFile(name)).toContain(`${name}: ${message}`);
  });

  it('a run stretched past four hours by a late quiet time, with no durationMs, names the quiet time and the fix', () => {
    expect(refusedFile('stretched-run.json')).toMatch(
      /faults\.quietAtMs: the run would last 14,422,000 ms \(faults stop at 14,400,000, liveness is judged params\.livenessBoundMs 20,000 later, then 2,000 more\), longer than the 14,400,000 ms \(4 hours\) a run may last; set durationMs/,
    );
  });

  it('so does a late scripted action that would stretch the run, and a value just under 1 µs', () => {
    const shape = { name: 'x', shape: {} };
    expect(refusedData({ ...shape, faults: { script: [{ at: 14_390_000, kind: 'crash-node', node: 'n1' }] } })).toMatch(
      /^x\.json: faults\.script\[0\]\.at: the run would last 14,412,001 ms \(faults stop at 14,390,001, .*set durationMs \(at most 14400000\) or bring this earlier$/,
    );
    expect(refusedData({ ...shape, faults: { script: [{ at: 1, kind: 'pause-process', node: 'n1', process: 'log-*', durationMs: 0.0004 }] } })).toBe(
      'x.json: faults.script[0].durationMs: must be >= 0.001 and <= 14400000, got 0.0004',
    );
  });

  it('a workload too busy for its length, and a fault storm, name the fields behind them', () => {
    expect(refusedFile('busy-four-hours.json')).toMatch(/durationMs: the run would make about [\d,]+ events in its 14,400 virtual seconds, most of them from the workload \(workload\.ratePerSec 1000.*shorten the run \(durationMs\) or lower workload\.ratePerSec/);
    expect(refusedFile('fault-storm.json')).toMatch(/faults\.random\.meanGapMs: a fault every 1 ms on average .* is about 98,000 random faults, more than the 10,000 a plan may draw; raise faults\.random\.meanGapMs/);
  });

  it('the long bench run, built in code, stays within the event budget at its own length', () => {
    // bench/cluster-memory.ts runs log-crash for 10,000 virtual seconds without a file: the same
    // settings written as a file are valid up to the four-hour limit.
    const base = loadScenario('log-crash').scenario;
    const durationMs = 10_000_000;
    expect(() => validateScenario({ ...base, durationMs, workload: { ...base.workload, stopMs: durationMs } }, 'long.json')).not.toThrow();
  });
});

describe('a cluster that can never start is bad input', () => {
  it('no node able to run logs, or storage', () => {
    expect(refusedFile('no-log-node.json')).toMatch(/cluster\.nodes: no node has the "log" capability, so no log can ever run and the cluster never starts; give at least one node that capability/);
    expect(refusedFile('no-storage-node.json')).toMatch(/cluster\.nodes: no node has the "storage" capability, .*give at least one node that capability/);
  });

  it('strict placement with more logs or replicas than capable nodes', () => {
    expect(refusedFile('strict-too-few-logs.json')).toMatch(
      /params\.desiredLogs: with strictPlacement each new worker of a phase needs a node of its own: a new cluster needs 4 logs \(params\.desiredLogs 4\) but only 3 nodes can run logs \(n4\|n5\|n6\), so it never starts; lower params\.desiredLogs, give more nodes the "log" capability, or set params\.strictPlacement to false/,
    );
    expect(refusedFile('strict-too-few-storage.json')).toMatch(/params\.replicationFactor: .*needs 5 storage servers \(replication factor 5\) but only 3 nodes can run storage/);
  });

  it('a process name no process of the cluster can have, with the likely one', () => {
    const p = refusedFile('unknown-process.json');
    expect(p).toMatch(/faults\.script\[0\]\.process: "logs-\*" matches no process this cluster can run \(did you mean "log-\*"\?\); its processes are foreman, coordinator, director-e<epoch>/);
    expect(p).toMatch(/faults\.script\[1\]\.process: "director" matches no process .*\(did you mean "director-\*"\?\)/);
    expect(p).toMatch(/faults\.script\[2\]\.only: "coordinater" matches no process .*\(did you mean "coordinator"\?\)/);
    expect(p).toMatch(/faults\.random\.processPatterns\[1\]: "sequencer" matches no process .*\(did you mean "sequencer-\*"\?\)/);
  });

  it('a partition with a node on both sides', () => {
    expect(refusedFile('partition-both-sides.json')).toMatch(/faults\.script\[0\]\.to\[0\]: "n2" is on both sides of the partition \(also from\[1\]\); .*remove it from "from" or "to"/);
  });
});

describe('messages quote the file safely and stay short', () => {
  it('control characters and terminal escapes are shown escaped', () => {
    const p = refusedFile('terminal-escapes.json');
    expect(p).toContain('description: uses control characters; write plain text (line breaks and tabs are fine), got "harmless\\x1b[2J\\x1b[31m"');
    expect(p).toContain('faults.script[0].id: uses control characters or line breaks; write it on one line in plain text, got "\\x1b]0;pwned\\x07"');
  });

  it('a 20,000-character unknown key is cut, not echoed whole', () => {
    const p = refusedData({ name: 'x', shape: {}, ['k'.repeat(20_000)]: 1 });
    expect(p).toMatch(/\(top level\): unknown field "k{40}…" \(20,000 characters\); allowed: /);
    expect(p.length).toBeLessThan(500);
  });

  it('two hundred bad nodes give a few dozen lines and a count of the rest', () => {
    const bad = nodes(200).map((n) => ({ ...n, id: `${n.id}!`, capabilities: ['logs'] }));
    const problems = refused(() => validateScenario({ name: 'x', cluster: { nodes: bad } }, 'x.json'));
    expect(problems).toHaveLength(MAX_PROBLEM_LINES + 1);
    expect(problems.at(-1)).toBe('… and 370 more problems');
    try {
      validateScenario({ name: 'x', cluster: { nodes: bad } }, 'x.json');
    } catch (e) {
      expect((e as ScenarioError).total).toBe(400);
    }
  });

  it('a hundred thousand nodes are refused at once, and the checks relating fields stay linear', () => {
    const many = nodes(100_000);
    const started = process.hrtime.bigint();
    expect(refusedData({ name: 'x', cluster: { nodes: many } })).toBe('x.json: cluster.nodes: a list of 100,000 items; no list in a scenario has more than 10,000');
    // The cross-field checks on their own, on a cluster far past every limit: every lookup is a
    // set, so this is a fraction of a second (it used to be quadratic: tens of seconds).
    const ids = many.map((n) => n.id);
    const huge: Scenario = {
      name: 'x',
      cluster: { nodes: many, coordinators: ids },
      faults: { script: [{ at: 1, kind: 'partition', from: ids, to: [...ids].reverse() }, ...ids.map((id) => ({ at: 2, kind: 'crash-node' as const, node: `${id}x` }))] },
      elections: ids.map((coordinator) => ({ atMs: 1, coordinator })),
    };
    const problems = crossCheck(huge);
    expect(problems.length).toBeGreaterThan(200_000);
    expect(problems.every((p) => p.message.length < 1_000)).toBe(true);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(10_000);
  });
});

describe('files that are not scenario text get a plain message', () => {
  it('accepts a JSON file with a UTF-8 byte-order mark, as YAML is', () => {
    expect(loadScenarioFile(file('bom.json')).scenario.name).toBe('bom');
  });

  it('a directory says it is a directory', () => {
    expect(refused(() => loadScenarioFile(HOSTILE))).toEqual(['test/scenario/hostile: is a directory, not a scenario file; give a .json or .yaml file (or a bundled scenario\'s name)']);
    expect(refused(() => loadScenario('test/scenario/hostile'))[0]).toMatch(/is a directory, not a scenario file/);
  });

  it('a named pipe, UTF-16, binary data and a missing file each say what they are', () => {
    const fifo = join(scratch, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(refused(() => loadScenarioFile(fifo))[0]).toMatch(/pipe\.json: is a named pipe, not a scenario file/);
    expect(refused(() => loadScenarioFile(written('utf16.json', Buffer.from('\ufeff{"name": "x"}', 'utf16le'))))[0]).toMatch(/utf16\.json: is UTF-16 text; save it as UTF-8/);
    expect(refused(() => loadScenarioFile(written('binary.json', Buffer.from([0x7b, 0x00, 0x7d]))))[0]).toMatch(/holds binary data \(a zero byte at byte 1\)/);
    expect(refused(() => loadScenarioFile(join(scratch, 'nope.json')), 'missing')[0]).toMatch(/nope\.json: no such file$/);
  });

  it('several YAML documents, without naming the library', () => {
    const p = refusedFile('several-documents.yaml');
    expect(p).toMatch(/several-documents\.yaml: invalid YAML: line 3, column 1: a second YAML document starts here \(the file holds 2, separated by "---"\); a scenario file holds one/);
    expect(p).not.toMatch(/parseAllDocuments|YAML\./);
  });

  it('YAML and JSON syntax errors point at the spot in plain words', () => {
    expect(refusedFile('syntax-error.yaml')).toMatch(/syntax-error\.yaml: invalid YAML: line 3, column 1: unexpected "\]" here$/);
    expect(refusedFile('trailing-comma.json')).toMatch(/trailing-comma\.json: invalid JSON: line 4, column 1: a comma before "}": remove it \(JSON has no trailing commas\)$/);
    expect(refusedFile('unquoted-word.json')).toMatch(/unquoted-word\.json: invalid JSON: line 4, column 17: expected a value .*, found the word "forever"$/);
  });

  it('very deep nesting, in JSON and YAML, without a stack overflow', () => {
    const json = refusedFile('deep-nesting.json');
    expect(json).toMatch(/deep-nesting\.json: watch(\[0\])+: nested more than 16 levels deep; a scenario nests a few levels: look for unbalanced brackets/);
    const yaml = refusedFile('deep-nesting.yaml');
    expect(yaml).toMatch(/deep-nesting\.yaml: invalid YAML: line 3, column \d+: nested too deeply/);
    expect(`${json}\n${yaml}`).not.toMatch(/call stack/i);
  });

  it('tags such as !!js/function, custom tags and alias bombs', () => {
    expect(refusedFile('js-function.yaml')).toMatch(/js-function\.yaml: invalid YAML: line 1, column 7: the tag "!!js\/function" is not supported: .*remove the tag/);
    expect(refusedFile('custom-tag.yaml')).toMatch(/custom-tag\.yaml: invalid YAML: line 2, column 8: the tag "!include" is not supported/);
    expect(refusedFile('billion-laughs.yaml')).toMatch(/billion-laughs\.yaml: invalid YAML: aliases \(\*name\) expand into too many values/);
  });
});

describe.concurrent('on the command line: exit 2, the message alone, nothing else on stderr', () => {
  it.each(['js-function.yaml', 'deep-nesting.yaml', 'several-documents.yaml', 'sub-microsecond-heartbeat.json', 'unknown-process.json'])('%s', async (name) => {
    const r = await cli(['run', join('test', 'scenario', 'hostile', name)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^test/scenario/hostile/${name.replace('.', '\\.')}: `));
    expect(r.stderr).not.toMatch(/Warning|YAMLWarning|\n\s+at |\^\^\^|internal error/);
  });
});
