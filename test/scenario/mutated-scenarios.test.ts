import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as B from '../../src/scenario/bounds.js';
import { displayPath, loadScenarioFile, ScenarioError, validateScenario } from '../../src/scenario/load.js';
import { packageRoot, scenarioFiles } from '../../src/scenario/paths.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { runLength } from '../../src/scenario/run-length.js';
import { MAX_PROBLEM_LINES } from '../../src/scenario/scenario-error.js';
import type { Scenario } from '../../src/scenario/types.js';

/**
 * The bundled scenarios, mutated at random into invalid and extreme ones: fields deleted, added
 * (real ones, from the JSON Schema, with values aimed at their type: negative, zero, tiny, huge,
 * not numbers at all, ranges upside down) and replaced (types swapped, long strings, control
 * characters), and the text itself cut and spliced. Loading must either accept the result, and
 * then resolve it within the documented bounds, or refuse it with a ScenarioError: never any
 * other exception (a bug in recovery-sim), never a message with raw control characters or more
 * than a few dozen lines.
 */

const bundled = scenarioFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>);

/** Valid scenarios that set nearly every field, so mutations find a value to aim at wherever they land. */
const EVERY_FIELD: readonly Record<string, unknown>[] = [
  {
    name: 'every-field-shape',
    description: 'a drawn cluster with every setting given',
    watch: ['everything'],
    shape: {
      nodes: [3, 6], coordinators: [1, 3], roles: ['shared', 'split'], desiredLogs: [1, 3], replicationFactor: [1, 3], shards: [1, 2], logGroups: [1, 2],
      spareStorage: [0, 1], ratePerSec: [5, 20], readShare: [0, 0.5], duplicateRate: [0.01, 0.05], duplication: 0.5, loss: 0.5,
    },
    params: { heartbeatMs: 100, electionTimeoutMinMs: 250, electionTimeoutMaxMs: 350, registerIntervalMs: 1000, monitorPingMs: 250, livenessBoundMs: 10_000, desiredCommitProxies: 1 },
    network: { baseLatencyMs: 1, jitterMs: 1, lossRate: 0, duplicateRate: 0, reorderJitterMs: 5, ordering: 'random' },
    workload: { ratePerSec: 20, startMs: 500, stopMs: 20_000, keys: 100, readShare: 0.25, readKeys: 3, sessions: 2 },
    faults: {
      random: { startMs: 2_000, families: ['crash', 'partition'], nodes: ['n1', 'n2', 'n3'], processPatterns: ['log-*'], maxCrashedNodes: 1, meanGapMs: 1_000 },
      script: [{ at: 3_000, kind: 'kill-process', node: 'n2', process: 'log-*' }],
      aimed: { triggers: [{ id: 'kill-layout-logs', chance: 0.5 }] },
      timeouts: 'seeded',
      quietAtMs: 10_000,
    },
    elections: [{ atMs: 4_000, coordinator: 'n1' }],
    reconfigure: [{ atMs: 5_000, replicationFactor: 2 }],
    durationMs: 25_000,
    expect: { verdict: 'pass' },
  },
  {
    name: 'every-field-cluster',
    cluster: {
      nodes: [
        { id: 'n1', capabilities: ['coordination', 'storage'] },
        { id: 'n2', capabilities: ['coordination', 'storage'] },
        { id: 'n3', capabilities: ['coordination', 'storage'] },
        { id: 'n4', capabilities: ['log'] },
        { id: 'n5', capabilities: ['log'], joinAtMs: 1_000 },
      ],
      coordinators: ['n1', 'n2', 'n3'],
      workers: [{ node: 'n4', kind: 'log', count: 2 }],
    },
    params: { desiredLogs: 2, replicationFactor: 3, shards: 2, logGroups: 2, storageServers: 3, strictPlacement: false, lockTimeoutMs: 2_000, retryIntervalMs: 500, workerRestartDelayMs: 500, emptyTransactionTimeoutMs: 1_000 },
    faults: {
      script: [
        { at: 2_000, kind: 'crash-node', node: 'n4', permanent: false },
        { at: 2_500, kind: 'restart-node', node: 'n4' },
        { at: 3_000, kind: 'pause-process', node: 'n1', process: 'coordinator', durationMs: 200 },
        { at: 3_500, kind: 'partition', from: ['n1'], to: ['n2', 'n3'], oneWay: true, id: 'p1', only: 'coordinator' },
        { at: 4_000, kind: 'heal', id: 'p1' },
        { at: 4_500, kind: 'clog', link: ['n1', 'n4'], delayMs: 50 },
        { at: 5_000, kind: 'unclog', node: 'n1' },
        { at: 5_500, kind: 'set-loss', rate: 0.01 },
        { at: 6_000, kind: 'reorder', link: ['n2', 'n4'] },
        { at: 6_500, kind: 'unreorder' },
        { at: 7_000, kind: 'slow-disk', node: 'n2', factor: 10 },
        { at: 7_500, kind: 'wipe-disk', node: 'n5' },
      ],
      quietAtMs: 9_000,
    },
    mutations: ['no-fencing'],
    durationMs: 20_000,
    expect: { verdict: 'violation', invariant: 'no-split-brain' },
    demo: { order: 99, title: 'every field', narration: [{ on: 'fault', when: { 'action.kind': 'crash-node' }, say: 'a crash', skip: 0, repeat: false }], conclusion: 'done' },
  },
];
const bases = [...bundled, ...EVERY_FIELD, ...EVERY_FIELD, ...EVERY_FIELD];
const SCHEMA = JSON.parse(readFileSync(join(packageRoot(), 'scenarios', 'scenario.schema.json'), 'utf8')) as JsonSchema;
const scratch = mkdtempSync(join(tmpdir(), 'recovery-sim-mutated-'));
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

type Path = (string | number)[];
interface JsonSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema | boolean;
  readonly prefixItems?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** The schemas that may describe the value at `path` (every branch of a union). */
function schemasAt(path: Path, root: JsonSchema = SCHEMA): JsonSchema[] {
  const expand = (s: JsonSchema): JsonSchema[] => [s, ...[...(s.anyOf ?? []), ...(s.oneOf ?? [])].flatMap(expand)];
  let here = expand(root);
  for (const key of path) {
    here = here.flatMap((s): JsonSchema[] => {
      if (typeof key === 'number') {
        const item = s.prefixItems?.[key] ?? (typeof s.items === 'object' ? s.items : undefined);
        return item === undefined ? [] : expand(item);
      }
      const property = s.properties?.[key] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      return property === undefined ? [] : expand(property);
    });
  }
  return here;
}

/** Values aimed at a field's type: its edges and just past them, the wrong sign, not a number, the wrong shape. */
function valuesFor(s: JsonSchema): unknown[] {
  if (s.const !== undefined) return [s.const, `${String(s.const)}s`];
  if (s.enum !== undefined) return [...s.enum, `${String(s.enum[0])}x`, 'X'.repeat(5_000)];
  switch (s.type) {
    case 'number':
    case 'integer': {
      const edges = [s.minimum, s.maximum].filter((x): x is number => x !== undefined);
      return [...edges, ...edges.map((x) => x + 1), ...edges.map((x) => x - 1e-4), 0, -0, -1, 1e-4, 2.5, 1e12, 1e308, NaN, Infinity];
    }
    case 'string':
      return ['', 'n1', 'log-*', 'logs-*', 'director', 'x'.repeat(20_000), '\u001b[31mred\u001b[0m', '\u202eevil', 'n1\u0000'];
    case 'boolean':
      return [true, false, 'true'];
    case 'array':
      return s.prefixItems !== undefined
        ? [[-5, 3], [0, 4], [8, 4], [1e9, 1e9], [2.5, 3], [1], [0.5, 0.25], []]
        : [[], [null], ['n1', 'n1'], Array.from({ length: 300 }, (_, i) => `n${i}`), Array.from({ length: 20_000 }, () => 1)];
    case 'object':
      return [{}, { unknown: 1 }, null];
    default:
      return [null];
  }
}

const GENERIC: readonly unknown[] = [
  1e308, 1e12, -1, 0, 0.0001, NaN, '', 'x'.repeat(20_000), '\u001b[2J', '__proto__', null, true, [], {},
  { at: 100, kind: 'partition', from: ['n1'], to: ['n1', 'n2'], only: 'logs-*' },
  { at: 100, kind: 'kill-process', node: 'n1', process: 'director' },
];

type Mutation = {
  readonly kind: 'delete' | 'replace' | 'aimed' | 'add-field' | 'add-unknown' | 'every-string' | 'every-number';
  readonly at: number;
  readonly pick: number;
  readonly value: number;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...(['delete', 'replace', 'aimed', 'aimed', 'add-field', 'add-field', 'add-unknown', 'every-string', 'every-number'] as const)),
  at: fc.nat(),
  pick: fc.nat(),
  value: fc.nat(),
});

/** Every place in `value` a mutation may hit: each field and item, at any depth. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

const nth = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];

/** Ways to spoil every free string at once: ids, names, patterns and texts (never a kind or another fixed word). */
const SPOIL_STRING: readonly ((s: string) => string)[] = [
  (s) => `\u001b[31m${s}\u001b[0m`,
  (s) => `${s}\u0000\u0007`,
  (s) => `\u202e${s}`,
  (s) => `${s}\n${s}`,
  (s) => s.padEnd(20_000, s === '' ? 'x' : s),
];
/** Ways to spoil every number at once. */
const SPOIL_NUMBER: readonly ((x: number) => number)[] = [(x) => x * 1e9, (x) => x * 1e-6, (x) => -x, (x) => x + 0.5, () => 0, (x) => x + 1e12];

/** Spoils every string (or number), or every other one (`variant` decides), so names that must match sometimes do not. */
function spoilEvery(data: unknown, kind: 'string' | 'number', variant: number): void {
  const everyOther = variant % 3 === 0;
  pathsOf(data).forEach((path, i) => {
    if (path.length === 0 || (everyOther && i % 2 === 0)) return;
    const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data) as Record<string | number, unknown>;
    const key = path.at(-1) as string | number;
    const value = parent[key];
    if (kind === 'number' && typeof value === 'number') parent[key] = (nth(SPOIL_NUMBER, variant) ?? ((x: number) => x))(value);
    if (kind === 'string' && typeof value === 'string' && !schemasAt(path).some((s) => s.enum !== undefined || s.const !== undefined)) {
      parent[key] = (nth(SPOIL_STRING, variant) ?? ((x: string) => x))(value);
    }
  });
}

function mutate(original: Record<string, unknown>, mutations: readonly Mutation[]): unknown {
  let data: unknown = structuredClone(original);
  const at = (p: Path): unknown => p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data);
  for (const m of mutations) {
    if (m.kind === 'every-string' || m.kind === 'every-number') {
      spoilEvery(data, m.kind === 'every-string' ? 'string' : 'number', m.value);
      continue;
    }
    const path = nth(pathsOf(data), m.at) ?? [];
    const target = at(path);
    if (m.kind === 'add-field' || m.kind === 'add-unknown') {
      if (target === null || typeof target !== 'object' || Array.isArray(target)) continue;
      // A real field of this object (its value aimed at the field's type), or one it does not have.
      const fields = [...new Set(schemasAt(path).flatMap((s) => Object.keys(s.properties ?? {})))];
      const name = m.kind === 'add-field' ? nth(fields, m.pick) : nth(['durationMS', 'nodez', 'k'.repeat(5_000), '\u001b[2J', 'constructor'], m.pick);
      if (name === undefined) continue;
      const values = schemasAt([...path, name]).flatMap(valuesFor);
      (target as Record<string, unknown>)[name] = structuredClone(nth(values.length > 0 ? values : GENERIC, m.value));
      continue;
    }
    const replacement = structuredClone(m.kind === 'aimed' ? nth(schemasAt(path).flatMap(valuesFor), m.value) : nth(GENERIC, m.value));
    if (path.length === 0) {
      if (m.kind === 'replace') data = replacement;
      continue;
    }
    const parent = at(path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path.at(-1) as string | number;
    if (m.kind === 'delete' && Array.isArray(parent)) parent.splice(key as number, 1);
    else if (m.kind === 'delete') delete parent[key];
    else parent[key] = replacement;
  }
  return data;
}

/** A valid scenario, resolved with any seed, keeps to the documented bounds. */
function expectWithinBounds(s: Scenario, seed: number): void {
  const r = resolveScenario(s, seed);
  expect(r.durationMs).toBeGreaterThan(0);
  expect(r.durationMs).toBeLessThanOrEqual(B.MAX_RUN_MS);
  expect(r.durationMs).toBe(runLength(s).durationMs);
  expect(r.quietAtMs).toBeLessThanOrEqual(B.MAX_RUN_MS);
  expect(r.cluster.nodes.length).toBeLessThanOrEqual(B.MAX_NODES);
  expect(r.cluster.coordinators.length).toBeLessThanOrEqual(B.MAX_COORDINATORS);
  for (const [name, bound] of Object.entries(B.PARAM_BOUNDS)) {
    const value = r.cluster.params[name as keyof typeof B.PARAM_BOUNDS];
    expect(B.within(value, bound), `params.${name} ${value}`).toBe(true);
  }
  expect(B.within(r.cluster.workload.ratePerSec, B.RATE_PER_SEC)).toBe(true);
  expect(r.cluster.workers.reduce((n, w) => n + w.count, 0)).toBeLessThanOrEqual(1_000);
  for (const a of r.plan.actions) expect(a.at).toBeLessThanOrEqual(B.MAX_RUN_MS);
}

/** Loading gave a ScenarioError of bounded size, every line labelled and safe for a terminal. */
function expectPlainRefusal(e: unknown, label: string): void {
  if (!(e instanceof ScenarioError)) throw e;
  expect(e.kind).toBe('invalid');
  expect(e.problems.length).toBeGreaterThan(0);
  expect(e.problems.length).toBeLessThanOrEqual(MAX_PROBLEM_LINES + 1);
  for (const line of e.problems) {
    expect(line.startsWith(`${label}: `) || line.startsWith('… and ')).toBe(true);
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line.length).toBeLessThanOrEqual(2_001);
  }
}

/** Per case, far above what any case takes: a hang or a quadratic blow-up shows here. */
const CASE_BOUND_MS = 5_000;

function timed(f: () => void): void {
  const started = process.hrtime.bigint();
  f();
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(CASE_BOUND_MS);
}

describe('bundled scenarios mutated into invalid and extreme ones', () => {
  it('start from valid files', () => {
    for (const s of EVERY_FIELD) expect(() => validateScenario(s, `${String(s['name'])}.json`)).not.toThrow();
  });

  it('are accepted within the bounds, or refused with a ScenarioError', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.nat({ max: 1_000 }), (which, mutations, seed) => {
        const data = mutate(bases[which] as Record<string, unknown>, mutations);
        timed(() => {
          try {
            expectWithinBounds(validateScenario(data, 'x.json'), seed);
            outcomes.accepted++;
          } catch (e) {
            expectPlainRefusal(e, 'x.json');
            outcomes.refused++;
          }
        });
      }),
      { seed: 20261127, numRuns: 200 },
    );
    // Both sides are reached: some mutations keep a file valid (a deleted optional field, a value at its edge), most do not.
    expect(outcomes.refused).toBeGreaterThan(50);
    expect(outcomes.accepted).toBeGreaterThan(10);
  });

  it('as text, cut and spliced, are parsed or refused the same way', () => {
    const SPLICES = ['', ',', ']', '}', '"', '\u001b', '\u0000', ': [', '\n---\n', '!!js/function ', '\ufeff', '[[[[[[[[[[[[[[[[[[['];
    fc.assert(
      fc.property(
        fc.nat({ max: bundled.length - 1 }),
        fc.constantFrom('json', 'yaml'),
        fc.nat(),
        fc.nat({ max: 40 }),
        fc.constantFrom(...SPLICES),
        (which, format, at, cut, splice) => {
          const text = format === 'json' ? JSON.stringify(bundled[which], null, 2) : toYaml(bundled[which]);
          const i = at % (text.length + 1);
          const path = join(scratch, `mutated.${format}`);
          writeFileSync(path, text.slice(0, i) + splice + text.slice(i + cut));
          timed(() => {
            try {
              expectWithinBounds(loadScenarioFile(path).scenario, 1);
            } catch (e) {
              expectPlainRefusal(e, displayPath(path));
            }
          });
        },
      ),
      { seed: 20261128, numRuns: 200 },
    );
  });
});

/** YAML as people write it: JSON is valid YAML, but block style exercises the YAML parser's own paths. */
function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map((v) => `\n${indent}- ${toYaml(v, `${indent}  `).trimStart()}`).join('');
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries.map(([k, v]) => `\n${indent}${JSON.stringify(k)}: ${toYaml(v, `${indent}  `)}`).join('');
  }
  return JSON.stringify(value);
}
