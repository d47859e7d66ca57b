import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problems } from './problems.js';
import { scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { findScenario, loadScenario, loadScenarioFile, validateScenario } from '../../src/scenario/load.js';
import { packageRoot } from '../../src/scenario/paths.js';

const base = {
  name: 'x',
  cluster: {
    nodes: [
      { id: 'n1', capabilities: ['coordination', 'storage'] },
      { id: 'n2', capabilities: ['coordination', 'storage'] },
      { id: 'n3', capabilities: ['log'] },
    ],
  },
};


describe('scenario schema', () => {
  it('accepts a minimal scenario and returns it as a Scenario', () => {
    expect(validateScenario(base, 'x.json').name).toBe('x');
  });

  it('names the JSON path, what is allowed and what was found', () => {
    const bad = { ...base, cluster: { nodes: [...base.cluster.nodes, { id: 'n4', capabilities: ['logs'] }] } };
    expect(problems(bad)).toEqual(['x.json: cluster.nodes[3].capabilities[0]: expected one of coordination|log|storage, got "logs" (did you mean "log"?)']);
  });

  it('reports an unknown field with the likely intended one', () => {
    expect(problems({ ...base, durationMS: 1000 })[0]).toMatch(/^x\.json: \(top level\): unknown field "durationMS" \(did you mean "durationMs"\?\); allowed: .*durationMs/);
  });

  it('lists the allowed mutation and invariant ids', () => {
    const [mutation, invariant] = problems({ ...base, mutations: ['nope'], expect: { verdict: 'violation', invariant: 'split-brain' } });
    expect(mutation).toMatch(/^x\.json: mutations\[0\]: expected one of lock-all-available\|.*no-fencing.*, got "nope"$/);
    expect(invariant).toMatch(/^x\.json: expect\.invariant: expected one of no-split-brain\|.*got "split-brain"/);
  });

  it('checks every fault kind and reports a wrong one at its kind field', () => {
    const p = problems({ ...base, faults: { script: [{ at: 1, kind: 'explode', node: 'n1' }] } });
    expect(p).toEqual(['x.json: faults.script[0].kind: expected one of crash-node|restart-node|kill-process|pause-process|partition|heal|clog|unclog|set-loss|reorder|unreorder|wipe-disk|slow-disk, got "explode"']);
  });

  it('accepts the harsher faults: lost nodes, pauses, reorders, partitions with ids and process filters', () => {
    const script = [
      { at: 10, kind: 'crash-node', node: 'n3', permanent: true },
      { at: 20, kind: 'pause-process', node: 'n1', process: 'log-*', durationMs: 500 },
      { at: 30, kind: 'reorder', link: ['n1', 'n2'] },
      { at: 31, kind: 'reorder' },
      { at: 40, kind: 'partition', from: ['n1'], to: ['n2'], id: 'leader', only: 'coordinator' },
      { at: 50, kind: 'heal', id: 'leader' },
      { at: 60, kind: 'unreorder' },
    ];
    expect(problems({ ...base, faults: { script, quietAtMs: 100 } })).toEqual([]);
    expect(validateScenario({ ...base, faults: { script, quietAtMs: 100 } }, 'x.json').faults?.script).toEqual(script);
  });

  it('reports a heal id no scripted partition has, a reorder of a node with itself and a pause without duration', () => {
    const p = problems({
      ...base,
      faults: {
        script: [
          { at: 1, kind: 'partition', from: ['n1'], to: ['n2'], id: 'a' },
          { at: 2, kind: 'heal', id: 'b' },
          { at: 3, kind: 'reorder', link: ['n1', 'n1'] },
          { at: 4, kind: 'pause-process', node: 'n1', process: 'x', durationMs: 0 },
        ],
      },
    });
    expect(p).toEqual([
      'x.json: faults.script[3].durationMs: must be > 0, got 0',
      'x.json: faults.script[2].link: a link joins two different nodes',
      'x.json: faults.script[1].id: "b" names no partition; the script\'s partition ids are a',
    ]);
  });

  it('requires positive durations and non-negative times', () => {
    const p = problems({ ...base, durationMs: 0, faults: { script: [{ at: -5, kind: 'heal' }] } });
    expect(p).toContain('x.json: durationMs: must be > 0, got 0');
    expect(p).toContain('x.json: faults.script[0].at: must be >= 0, got -5');
  });

  it('cross-checks nodes, coordinators and times', () => {
    const p = problems({
      ...base,
      cluster: { nodes: [...base.cluster.nodes, { id: 'n1', capabilities: ['log'] }], coordinators: ['n1', 'n3'] },
      faults: { script: [{ at: 10, kind: 'crash-node', node: 'n9' }, { at: 50, kind: 'partition', from: ['n1'], to: ['n7'] }], quietAtMs: 40 },
      elections: [{ atMs: 5, coordinator: 'n2' }],
    });
    expect(p).toEqual([
      'x.json: cluster.nodes[3].id: duplicate node id "n1" (already cluster.nodes[0])',
      'x.json: cluster.coordinators[1]: node "n3" lacks the "coordination" capability; coordinators must be among n1|n2',
      'x.json: faults.script[0].node: unknown node "n9"; the cluster\'s nodes are n1|n2|n3',
      'x.json: faults.script[1].to[0]: unknown node "n7"; the cluster\'s nodes are n1|n2|n3 (and "client")',
      'x.json: faults.script[1].at: 50 is not before faults.quietAtMs (40): the action would never run',
      'x.json: elections[0].coordinator: "n2" runs no coordinator; pick one of n1|n3',
    ]);
  });

  it('allows the $schema key', () => {
    expect(problems({ $schema: './scenario.schema.json', ...base })).toEqual([]);
  });
});

describe('loading scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-'));

  it('reads YAML as well as JSON', () => {
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'name: y\ncluster:\n  nodes:\n    - { id: n1, capabilities: [coordination, log, storage] }\n');
    expect(loadScenarioFile(file).scenario.cluster?.nodes[0]?.capabilities).toEqual(['coordination', 'log', 'storage']);
  });

  it('reports JSON and YAML syntax errors with their position, in one line', () => {
    const json = join(dir, 'bad.json');
    writeFileSync(json, '{\n  "name": "x",,\n}');
    expect(() => loadScenarioFile(json)).toThrow(/bad\.json: invalid JSON: line 2, column \d+: /);
    const yaml = join(dir, 'bad.yaml');
    writeFileSync(yaml, 'name: [x\ncluster: 1\n');
    expect(() => loadScenarioFile(yaml)).toThrow(/bad\.yaml: invalid YAML: line \d+, column \d+: /);
  });

  it('finds bundled scenarios by bare name, from any directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const found = findScenario('log-crash');
      expect(found.file).toBe(join(packageRoot(), 'scenarios', 'log-crash.json'));
      expect(found.source).toBe('log-crash');
    } finally {
      process.chdir(cwd);
    }
  });

  it('says which scenarios exist when a name matches none', () => {
    expect(() => loadScenario('no-such-scenario')).toThrow(/no-such-scenario: no such scenario file.*Bundled scenarios: .*log-crash/);
  });
});

describe('the JSON Schema file', () => {
  it('scenarios/scenario.schema.json is up to date (npm run schema regenerates it)', () => {
    const committed = readFileSync(join(packageRoot(), 'scenarios', 'scenario.schema.json'), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });
});
