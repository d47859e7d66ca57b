import { DEFAULT_PARAMS, type ProtocolParams } from '../cluster/params.js';
import { TIMEOUT_RANGES } from './aimed.js';
import * as B from './bounds.js';
import type { Report } from './cross-check.js';
import { count } from './quote.js';
import { runLength, AFTER_LIVENESS_MS } from './run-length.js';
import { shapeRanges } from './shapes.js';
import type { Scenario } from './types.js';

/**
 * Bounds that relate fields: how long the run lasts, how many events it makes, how many faults a
 * random plan draws and how many workers exist. Each field has its own range; these keep their
 * products in check, so a valid file stays well inside the runner's budget (`runner/budget.ts`:
 * 100,000 events per virtual second, 200,000,000 in all) and a run of it finishes.
 *
 * The events are estimated from what sets a run's pace all the time: the workload, empty
 * transactions, heartbeats, registrations and monitoring pings. The weights were measured on
 * the bundled scenarios (a commit costs about 12 events plus 6 per log it is pushed to) and err
 * high. Seeded timeouts are taken at the short end of their range, a drawn cluster at its
 * largest.
 */
export const MAX_EVENTS_PER_VIRTUAL_SECOND = 50_000;
export const MAX_EVENTS = 100_000_000;
/** Random faults a plan may draw, on average (quiet time minus start, over the mean gap). */
export const MAX_RANDOM_FAULTS = 10_000;
/** The smallest mean gap a seed draws when the file sets none (`sim/fault-generator.ts`). */
const SHORTEST_DRAWN_GAP_MS = 300;
export const MAX_WORKERS = 1_000;
/** Logs of one generation: desiredLogs in each log group. */
export const MAX_LOGS = 256;
/** The workload's rate when neither the file nor a drawn shape sets one (`resolve.ts`). */
const DEFAULT_RATE_PER_SEC = 20;

/** One source of events: how many per virtual second, the fields that set it, and what to change. */
interface Term {
  readonly what: string;
  readonly perSecond: number;
  /** Virtual seconds it lasts. */
  readonly seconds: number;
  readonly path: (string | number)[];
  readonly fix: string;
}

/** The size of the cluster a run has, at its largest. */
interface Size {
  readonly nodes: number;
  readonly coordinators: number;
  /** Logs of a generation (all groups). */
  readonly logs: number;
  readonly ratePerSec: number;
}

/** Every numeric param within its range, or undefined (a value out of range is reported at its field). */
function usableParams(s: Scenario): ProtocolParams | undefined {
  const p = { ...DEFAULT_PARAMS, ...s.params };
  const ok = (Object.entries(B.PARAM_BOUNDS) as [keyof typeof B.PARAM_BOUNDS, B.Bound][]).every(([k, b]) => B.within(p[k], b));
  return ok ? p : undefined;
}

/** The period a run may have: the file's, else with seeded timeouts the shortest a seed may draw. */
function fastest(s: Scenario, p: ProtocolParams, name: 'heartbeatMs' | 'registerIntervalMs' | 'monitorPingMs'): number {
  const seeded = (s.faults?.timeouts ?? (s.faults?.random !== undefined ? 'seeded' : 'fixed')) === 'seeded';
  return s.params?.[name] === undefined && seeded ? Math.min(p[name], TIMEOUT_RANGES[name][0]) : p[name];
}

function sizeOf(s: Scenario, p: ProtocolParams): Size | undefined {
  const groupsOf = (logGroups: number, shards: number): number => Math.min(logGroups, shards + 1);
  if (s.cluster !== undefined) {
    const nodes = s.cluster.nodes;
    const coordinators = s.cluster.coordinators?.length ?? Math.min(3, nodes.filter((n) => n.capabilities.includes('coordination')).length);
    return { nodes: nodes.length, coordinators, logs: p.desiredLogs * groupsOf(p.logGroups, p.shards), ratePerSec: s.workload?.ratePerSec ?? DEFAULT_RATE_PER_SEC };
  }
  if (s.shape === undefined) return undefined;
  const r = shapeRanges(s.shape);
  const top = (range: readonly number[]): number => Math.max(...range);
  // Counts above their maximum never get here; one below its minimum is reported at its field.
  if (![...r.nodes, ...r.coordinators, ...r.desiredLogs, ...r.logGroups, ...r.shards, ...r.ratePerSec].every((n) => n >= 0)) return undefined;
  const nodes = top(r.nodes);
  const logs = (s.params?.desiredLogs ?? top(r.desiredLogs)) * groupsOf(s.params?.logGroups ?? top(r.logGroups), s.params?.shards ?? top(r.shards));
  return { nodes, coordinators: Math.min(top(r.coordinators), nodes), logs, ratePerSec: s.workload?.ratePerSec ?? top(r.ratePerSec) };
}

function terms(s: Scenario, p: ProtocolParams, size: Size, runS: number): Term[] {
  const perCommit = 12 + 6 * size.logs;
  const perSecond = (periodMs: number): number => 1000 / periodMs;
  const w = s.workload;
  const start = B.within(w?.startMs, B.TIME) ? w.startMs : 0;
  const stop = Math.min(B.within(w?.stopMs, B.SPAN) ? w.stopMs : runS * 1000, runS * 1000);
  const proxies = p.desiredCommitProxies;
  return [
    {
      what: `the workload (workload.ratePerSec ${size.ratePerSec}, each operation pushed to ${size.logs} log${size.logs === 1 ? '' : 's'})`,
      perSecond: size.ratePerSec * perCommit,
      seconds: Math.max(0, stop - start) / 1000,
      path: ['workload', 'ratePerSec'],
      fix: 'lower workload.ratePerSec or params.desiredLogs',
    },
    {
      what: `empty transactions (params.emptyTransactionTimeoutMs ${p.emptyTransactionTimeoutMs} on ${proxies} prox${proxies === 1 ? 'y' : 'ies'})`,
      perSecond: proxies * perSecond(p.emptyTransactionTimeoutMs) * perCommit,
      seconds: runS,
      path: ['params', 'emptyTransactionTimeoutMs'],
      fix: 'raise params.emptyTransactionTimeoutMs or lower params.desiredCommitProxies',
    },
    {
      what: `heartbeats (params.heartbeatMs ${fastest(s, p, 'heartbeatMs')} to ${size.coordinators} coordinators)`,
      perSecond: 2 * size.coordinators * perSecond(fastest(s, p, 'heartbeatMs')),
      seconds: runS,
      path: ['params', 'heartbeatMs'],
      fix: 'raise params.heartbeatMs',
    },
    {
      what: `registrations (params.registerIntervalMs ${fastest(s, p, 'registerIntervalMs')}, ${size.nodes} nodes to ${size.coordinators} coordinators)`,
      perSecond: 2 * size.nodes * size.coordinators * perSecond(fastest(s, p, 'registerIntervalMs')),
      seconds: runS,
      path: ['params', 'registerIntervalMs'],
      fix: 'raise params.registerIntervalMs',
    },
    {
      what: `monitoring pings (params.monitorPingMs ${fastest(s, p, 'monitorPingMs')} to ${size.logs + proxies + 1} services)`,
      perSecond: 5 * (size.logs + proxies + 1) * perSecond(fastest(s, p, 'monitorPingMs')),
      seconds: runS,
      path: ['params', 'monitorPingMs'],
      fix: 'raise params.monitorPingMs',
    },
  ];
}

const largest = (ts: readonly Term[], by: (t: Term) => number): Term => ts.reduce((a, b) => (by(b) > by(a) ? b : a));

export function checkBudget(s: Scenario, report: Report): void {
  const p = usableParams(s);
  if (p === undefined) return;
  const times = [s.faults?.quietAtMs, ...(s.faults?.script ?? []).map((a) => a.at)];
  if (!times.every((t) => t === undefined || B.within(t, B.TIME)) || (s.durationMs !== undefined && !B.within(s.durationMs, B.SPAN))) return;
  if (s.workload?.ratePerSec !== undefined && !B.within(s.workload.ratePerSec, B.RATE_PER_SEC)) return;
  const run = runLength(s);
  if (s.durationMs === undefined && run.durationMs > B.MAX_RUN_MS) {
    const by = run.quietFrom;
    const path = by === 'file' ? ['faults', 'quietAtMs'] : typeof by === 'object' ? ['faults', 'script', by.lastAction, 'at'] : ['params', 'livenessBoundMs'];
    report(
      path,
      `the run would last ${count(run.durationMs)} ms (faults stop at ${count(run.quietAtMs)}, liveness is judged params.livenessBoundMs ${count(p.livenessBoundMs)} later, then ${count(AFTER_LIVENESS_MS)} more), longer than the ${count(B.MAX_RUN_MS)} ms (4 hours) a run may last; set durationMs (at most ${B.MAX_RUN_MS}) or bring this earlier`,
    );
    return;
  }
  const runS = Math.min(run.durationMs, B.MAX_RUN_MS) / 1000;

  const random = s.faults?.random;
  if (random !== undefined) {
    const gap = random.meanGapMs ?? SHORTEST_DRAWN_GAP_MS;
    const start = random.startMs ?? 2_000;
    const faults = Math.max(0, run.quietAtMs - start) / gap;
    if (B.within(gap, B.FAULT_GAP) && faults > MAX_RANDOM_FAULTS) {
      report(
        random.meanGapMs !== undefined ? ['faults', 'random', 'meanGapMs'] : ['faults', 'quietAtMs'],
        `a fault every ${count(gap)} ms on average (faults.random.meanGapMs${random.meanGapMs === undefined ? ', at its shortest when not set' : ''}) from ${count(start)} ms to the quiet time ${count(run.quietAtMs)} ms is about ${count(Math.round(faults))} random faults, more than the ${count(MAX_RANDOM_FAULTS)} a plan may draw; raise faults.random.meanGapMs or stop faults earlier (faults.quietAtMs)`,
      );
    }
  }

  const workers = (s.cluster?.workers ?? []).reduce((sum, w) => sum + w.count, 0);
  if (workers > MAX_WORKERS) {
    report(['cluster', 'workers'], `starts ${count(workers)} workers in all (the sum of every count), more than the ${count(MAX_WORKERS)} a cluster may start with; lower the counts`);
  }
  const size = sizeOf(s, p);
  if (size === undefined) return;
  if (size.logs > MAX_LOGS) {
    report(
      ['params', 'desiredLogs'],
      `a generation would have ${count(size.logs)} logs (desiredLogs in each log group: params.desiredLogs × params.logGroups, at most params.shards + 1 groups), more than the ${MAX_LOGS} a cluster may run; lower params.desiredLogs or params.logGroups`,
    );
    return;
  }

  const ts = terms(s, p, size, runS);
  const rate = ts.reduce((sum, t) => sum + t.perSecond, 0);
  const total = ts.reduce((sum, t) => sum + t.perSecond * t.seconds, 0);
  if (rate > MAX_EVENTS_PER_VIRTUAL_SECOND) {
    const top = largest(ts, (t) => t.perSecond);
    report(
      top.path,
      `the run would make about ${count(Math.round(rate))} events per virtual second, most of them from ${top.what}; at most ${count(MAX_EVENTS_PER_VIRTUAL_SECOND)} are allowed: ${top.fix}`,
    );
  } else if (total > MAX_EVENTS) {
    const top = largest(ts, (t) => t.perSecond * t.seconds);
    report(
      s.durationMs !== undefined ? ['durationMs'] : top.path,
      `the run would make about ${count(Math.round(total))} events in its ${count(Math.round(runS))} virtual seconds, most of them from ${top.what}; at most ${count(MAX_EVENTS)} are allowed: shorten the run (durationMs) or ${top.fix}`,
    );
  }
}
