import type { ChalkInstance } from 'chalk';
import { PROBE_IDS, type ProbeId } from '../check/probes.js';
import type { InvariantId } from '../check/types.js';
import { COUNTED_POINTS } from '../cluster/mutation-points.js';
import type { RunResult } from '../runner/result.js';

interface Failing {
  readonly seed: number;
  readonly replay: string;
  readonly why: string;
}

/**
 * What a sweep adds up to, kept as running totals so a sweep of any length holds only counts
 * and the failing seeds (the first `keepFailing` of them) in memory.
 */
export class SweepTally {
  runs = 0;
  passed = 0;
  violating = 0;
  events = 0;
  expecting = 0;
  expectationMet = 0;
  expectation: string | null = null;
  /** Runs whose liveness was not judged: data lost for good left too little, or the run ended first. */
  livenessSkipped = 0;
  livenessUnreached = 0;
  /** Published layouts, and those that put two logs or more on one node. */
  layouts = 0;
  layoutsSharingNodes = 0;
  readonly byInvariant = new Map<InvariantId, number>();
  readonly probeTotals = new Map<ProbeId, number>();
  readonly probeRuns = new Map<ProbeId, number>();
  /** Per switch, the runs that reached the moment it would act on. */
  readonly momentRuns = new Map<string, number>();
  readonly failing: Failing[] = [];
  failingCount = 0;

  constructor(private readonly keepFailing = 1000) {}

  add(r: RunResult, passed: boolean): void {
    this.runs++;
    this.events += r.events;
    if (passed) this.passed++;
    if (r.verdict === 'violation') this.violating++;
    for (const p of r.published) {
      this.layouts++;
      if (p.placement.shared.length > 0) this.layoutsSharingNodes++;
    }
    if (r.livenessSkipped !== null) this.livenessSkipped++;
    else if (!r.livenessJudged) this.livenessUnreached++;
    for (const id of r.violated) this.byInvariant.set(id, (this.byInvariant.get(id) ?? 0) + 1);
    if (r.expectation !== null) {
      this.expecting++;
      this.expectation = r.expectation;
      if (r.expectationMet) this.expectationMet++;
    }
    for (const id of PROBE_IDS) {
      if (r.probes[id] === 0) continue;
      this.probeTotals.set(id, (this.probeTotals.get(id) ?? 0) + r.probes[id]);
      this.probeRuns.set(id, (this.probeRuns.get(id) ?? 0) + 1);
    }
    for (const id of COUNTED_POINTS) if ((r.mutationPoints[id] ?? 0) > 0) this.momentRuns.set(id, (this.momentRuns.get(id) ?? 0) + 1);
    if (!passed) {
      this.failingCount++;
      const why = r.verdict === 'violation' ? r.violated.join(',') : `expected ${r.expectation ?? 'pass'}, got pass`;
      if (this.failing.length < this.keepFailing) this.failing.push({ seed: r.seed, replay: r.replay, why });
    }
  }
}

const label = (chalk: ChalkInstance, name: string): string => chalk.bold(name.padEnd(14));

function rate(n: number, ms: number): string {
  const perSecond = ms > 0 ? (n * 1000) / ms : 0;
  return perSecond >= 1000 ? `${(perSecond / 1000).toFixed(1)} k` : perSecond.toFixed(1);
}

/** The last seed of an open range, `A..` on the command line. */
const OPEN_END = `..${Number.MAX_SAFE_INTEGER}`;

/** A sweep's title: what ran. A merge of a sweep's shards gives the whole sweep's title. */
export function sweepLabel(o: { scenario: string; seeds: string; ordering?: string; mutations: readonly string[]; shard?: { index: number; count: number } }): string {
  return [
    // An open range (`--seeds 100..` with a time budget) reads as it was typed.
    `${o.scenario} seeds ${o.seeds.endsWith(OPEN_END) ? o.seeds.slice(0, -OPEN_END.length + 2) : o.seeds}`,
    ...(o.ordering !== undefined ? [`ordering ${o.ordering}`] : []),
    ...(o.mutations.length > 0 ? [`mutations ${o.mutations.join(',')}`] : []),
    ...(o.shard !== undefined ? [`shard ${o.shard.index}/${o.shard.count}`] : []),
  ].join(' ');
}

export interface SweepSummaryOptions {
  readonly label: string;
  /**
   * How long it took, when timings are kept: with them the table says how fast the sweep went;
   * without, it holds only what the seeds decide, so two sweeps of one range print the same bytes.
   */
  readonly timing?: { readonly note: string; readonly wallMs: number; readonly per?: string };
  /** Lines about how much of the range ran: a time budget that ended it, a partial merge. */
  readonly notes?: readonly { readonly label: string; readonly text: string }[];
  readonly listAtMost?: number;
}

/** The sweep's table: runs, passes, violations by invariant, probe totals, speed, failing seeds. */
export function sweepSummaryLines(t: SweepTally, o: SweepSummaryOptions, chalk: ChalkInstance): string[] {
  const lines = [chalk.bold(`── sweep: ${o.label} ──`)];
  const failed = t.runs - t.passed;
  lines.push(`${label(chalk, 'runs')}${t.runs}${o.timing !== undefined ? ` · ${o.timing.note}` : ''}`);
  for (const note of o.notes ?? []) lines.push(`${label(chalk, note.label)}${chalk.yellow(note.text)}`);
  lines.push(`${label(chalk, 'passed')}${t.passed}${failed > 0 ? chalk.red.bold(` · ${failed} failed`) : ''}`);
  const invariants = [...t.byInvariant.entries()].map(([id, n]) => `${id} ${n}`).join(' · ');
  lines.push(`${label(chalk, 'violations')}${t.violating === 0 ? 'none' : chalk.red(`${t.violating} run${t.violating === 1 ? '' : 's'}: ${invariants}`)}`);
  const unjudged = [
    ...(t.livenessSkipped > 0 ? [`${t.livenessSkipped} left too little after data lost for good (safety still judged)`] : []),
    ...(t.livenessUnreached > 0 ? [`${t.livenessUnreached} ended before quiet + bound`] : []),
  ];
  lines.push(`${label(chalk, 'liveness')}judged in ${t.runs - t.livenessSkipped - t.livenessUnreached}${unjudged.length > 0 ? chalk.dim(` · not judged: ${unjudged.join(' · ')}`) : ''}`);
  if (t.layouts > 0) lines.push(`${label(chalk, 'placement')}${t.layoutsSharingNodes} of ${t.layouts} published layouts put two logs or more on one node`);
  if (t.expecting > 0) lines.push(`${label(chalk, 'expectation')}${t.expectation ?? ''}: met in ${t.expectationMet}, missed in ${t.expecting - t.expectationMet}`);

  const reached = PROBE_IDS.filter((id) => t.probeTotals.has(id));
  const runs = (id: ProbeId): number => t.probeRuns.get(id) ?? 0;
  lines.push(`${label(chalk, 'probes')}${reached.map((id) => `${id} ${t.probeTotals.get(id) ?? 0} (${runs(id)} run${runs(id) === 1 ? '' : 's'})`).join(' · ') || 'none reached'}`);
  const never = PROBE_IDS.filter((id) => !t.probeTotals.has(id));
  if (never.length > 0) lines.push(`${label(chalk, 'never reached')}${chalk.yellow(never.join(', '))}`);
  // A switch whose moment no run reached: this sweep could not have caught that bug.
  const unreached = COUNTED_POINTS.filter((id) => !t.momentRuns.has(id));
  if (t.runs > 0 && unreached.length > 0) lines.push(`${label(chalk, 'not at stake')}${chalk.yellow(`${unreached.length} of ${COUNTED_POINTS.length} switches never reached the moment they act on: ${unreached.join(', ')}`)}`);
  if (o.timing !== undefined) {
    const per = o.timing.per !== undefined ? ` ${o.timing.per}` : '';
    lines.push(`${label(chalk, 'speed')}${rate(t.runs, o.timing.wallMs)} seeds/s${per} · ${rate(t.events, o.timing.wallMs)} events/s${per} · ${t.events} events`);
  } else lines.push(`${label(chalk, 'events')}${t.events}`);

  if (t.failingCount > 0) {
    const most = o.listAtMost ?? 50;
    lines.push(chalk.bold('failing seeds'));
    for (const f of t.failing.slice(0, most)) lines.push(`${String(f.seed).padStart(12)}  ${f.replay}  ${chalk.red(`(${f.why})`)}`);
    if (t.failingCount > most) lines.push(`${' '.repeat(14)}… and ${t.failingCount - most} more (use --json for all)`);
  }
  return lines;
}
