import type { TraceRecord, TraceSink } from '../../../../sim/index.js';
import { summarizeMessage } from './arrows.js';
import { eventHeadline, sendHeadline } from './describe.js';
import type { ExplainedViolation, PublishedLayout } from './facts.js';
import type { Acks } from './lens.js';
import type { Rec } from './records.js';

/**
 * Two runs side by side (`report --compare-seed`, `--compare-mutate`): where their traces part,
 * and what differs in what they concluded. Runs are deterministic, so two runs of one scenario
 * are the same event for event until the first place a seed's draw or a mutation changes what
 * happens; from there on they are different runs, and only their outcomes are compared:
 * publications, commits acknowledged per generation, violations.
 */

/** An event as compared: the whole record (type, process, time and every field). */
export function signature(r: Rec): string {
  return JSON.stringify(r);
}

/** Two 32-bit hashes of a string (FNV-1a and a multiplicative one): 64 bits against collisions. */
function hashPair(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, b >>> 0];
}

/** The most events whose fingerprints a run keeps for the comparison (8 bytes each). */
export const MAX_COMPARED_EVENTS = 10_000_000;

/**
 * A trace sink that keeps each record's fingerprint (the first run of a comparison), or
 * compares each record with the first run's at the same place (the second run) and notes the
 * first that differs. Memory: 8 bytes per event of the first run, up to `MAX_COMPARED_EVENTS`.
 */
export class TraceFingerprints implements TraceSink {
  private hashes = new Uint32Array(1 << 16);
  private count = 0;
  private differsAt = -1;

  /** `against`: the first run's fingerprints, for the second run. */
  constructor(
    private readonly against?: TraceFingerprints,
    private readonly cap = MAX_COMPARED_EVENTS,
  ) {}

  write(record: TraceRecord): void {
    const k = this.count++;
    if (k >= this.cap) return;
    const other = this.against;
    if (other !== undefined) {
      if (this.differsAt >= 0) return;
      if (k >= other.length) {
        this.differsAt = k;
        return;
      }
      const [a, b] = hashPair(signature(record as Rec));
      if (other.hashes[2 * k] !== a || other.hashes[2 * k + 1] !== b) this.differsAt = k;
      return;
    }
    if (2 * k + 1 >= this.hashes.length) {
      const grown = new Uint32Array(Math.min(this.hashes.length * 2, 2 * this.cap));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    const [a, b] = hashPair(signature(record as Rec));
    this.hashes[2 * k] = a;
    this.hashes[2 * k + 1] = b;
  }

  close(): void {}

  /** Records seen (the whole trace's length). */
  get length(): number {
    return this.count;
  }

  /**
   * For the second run, once it has ended: the trace index of the first record that differs
   * from the first run's, the shorter run's length when one trace is the start of the other,
   * -1 when the traces are the same, or null when they are the same as far as compared (the cap).
   */
  firstDifference(): number | null {
    const other = this.against;
    if (other === undefined) throw new Error('firstDifference is asked of the second run');
    if (this.differsAt >= 0) return this.differsAt;
    if (this.count !== other.count) {
      const shorter = Math.min(this.count, other.count);
      return shorter <= this.cap ? shorter : null;
    }
    return this.count <= this.cap ? -1 : null;
  }
}

/** The trace index where two traces first differ (see `TraceFingerprints.firstDifference`), from the records themselves. */
export function firstDifference(a: readonly Rec[], b: readonly Rec[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (signature(a[k] as Rec) !== signature(b[k] as Rec)) return k;
  return a.length === b.length ? -1 : n;
}

/** How two events at the same place of their traces differ, most telling first. */
export type DivergenceKind = 'time' | 'type' | 'process' | 'content' | 'a-ended' | 'b-ended';

export interface Divergence {
  /** The place in the traces (the same in both: they agree before it). */
  readonly traceIndex: number;
  /** The first differing event's position in each run's report records, -1 when that run had ended. */
  readonly a: number;
  readonly b: number;
  /** The earlier of the two events' times (µs). */
  readonly t: number;
  readonly kind: DivergenceKind;
  /** The sentence the page shows. */
  readonly text: string;
  /** Each event in a line, or how the run ended there. */
  readonly aText: string;
  readonly bText: string;
  /** For `content`: the fields whose values differ. */
  readonly fields: readonly string[];
}

/** A trace's message number → send record lookup (see `sendLookup`). */
export type SendOf = (m: number) => Rec | undefined;

/** The process an event belongs to (the sender of a send, the receiver of a delivery), or ''. */
export function eventProcess(r: Rec, sendOf?: SendOf): string {
  if (r.type === 'send') return r.from;
  if (r.type === 'deliver') return r.to;
  if (r.type === 'drop') {
    const send = sendOf?.(r.m);
    return send?.type === 'send' ? send.to : '';
  }
  const fields = r as unknown as Record<string, unknown>;
  for (const key of ['pid', 'director', 'coordinator', 'proxy', 'log', 'service', 'storage', 'node']) {
    const v = fields[key];
    if (typeof v === 'string') return v;
  }
  return '';
}

function secs(us: number): string {
  return `${(us / 1e6).toFixed(6)} s`;
}

/** One line for an event of either kind (messages described by their send). */
function eventLine(r: Rec, sendOf?: SendOf): string {
  if (r.type === 'send') return sendHeadline(r, summarizeMessage(r.msg as { type: string } & Record<string, unknown>));
  if (r.type === 'deliver' || r.type === 'drop') {
    const send = sendOf?.(r.m);
    const what = send?.type === 'send' ? `${send.msg.type} from ${send.from}` : `message m=${r.m}`;
    return r.type === 'deliver' ? `${r.to} receives ${what}${r.dup === true ? ' (duplicate)' : ''}` : `${what} dropped (${r.cause})`;
  }
  return eventHeadline(r);
}

/** The fields whose values differ between two records (`i` left out). */
function differingFields(a: Rec, b: Rec): string[] {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => k !== 'i');
  return keys.filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
}

/** One run's side of a divergence: its report records and the differing event's position in them. */
export interface DivergenceSide {
  readonly records: readonly Rec[];
  readonly position: number;
  readonly sendOf?: SendOf;
}

/**
 * What the first difference is: the two events at trace index `traceIndex` (positions `pa`, `pb`
 * in the report records, -1 for a run that had ended), told by time, then type, then process,
 * then the fields that differ.
 */
export function describeDivergence(
  traceIndex: number,
  a: DivergenceSide,
  b: DivergenceSide,
): Divergence {
  const ra = a.position >= 0 ? a.records[a.position] : undefined;
  const rb = b.position >= 0 ? b.records[b.position] : undefined;
  const line = (r: Rec | undefined, side: DivergenceSide): string =>
    r === undefined ? `the run had ended (${traceIndex.toLocaleString('en-US')} events)` : `${secs(r.t)} · ${eventLine(r, side.sendOf)}`;
  const aText = line(ra, a);
  const bText = line(rb, b);
  const at = `event #${traceIndex}`;
  if (ra === undefined || rb === undefined) {
    const ended = ra === undefined ? 'A' : 'B';
    const going = (ra ?? rb) as Rec;
    return {
      traceIndex,
      a: ra === undefined ? -1 : a.position,
      b: rb === undefined ? -1 : b.position,
      t: going.t,
      kind: ra === undefined ? 'a-ended' : 'b-ended',
      text: `The runs are the same for ${traceIndex.toLocaleString('en-US')} events; then run ${ended} ends and the other goes on (${at}).`,
      aText,
      bText,
      fields: [],
    };
  }
  const pa = eventProcess(ra, a.sendOf);
  const pb = eventProcess(rb, b.sendOf);
  let kind: DivergenceKind;
  let why: string;
  let fields: string[] = [];
  if (ra.t !== rb.t) {
    kind = 'time';
    why = ra.type === rb.type && pa === pb ? `the same kind of event happens at a different time (${secs(ra.t)} in A, ${secs(rb.t)} in B)` : `the next events differ in time: ${secs(ra.t)} in A, ${secs(rb.t)} in B`;
  } else if (ra.type !== rb.type) {
    kind = 'type';
    why = `at the same time, A has a ${ra.type} where B has a ${rb.type}`;
  } else if (pa !== pb) {
    kind = 'process';
    why = `at the same time, the ${ra.type} happens at ${pa || 'no process'} in A and at ${pb || 'no process'} in B`;
  } else {
    kind = 'content';
    fields = differingFields(ra, rb);
    why = `the same ${ra.type}${pa !== '' ? ` at ${pa}` : ''} differs in ${fields.length > 0 ? fields.join(', ') : 'its fields'}`;
  }
  return {
    traceIndex,
    a: a.position,
    b: b.position,
    t: Math.min(ra.t, rb.t),
    kind,
    text: `The runs are the same for ${traceIndex.toLocaleString('en-US')} events; at ${at} they part: ${why}.`,
    aText,
    bText,
    fields,
  };
}

/** A published layout in one line, for telling two apart. */
function layoutKey(l: PublishedLayout): string {
  return `logs [${l.logs.join(', ')}] teams ${l.teams.map((t) => `${t.tag}:[${t.storageIds.join(', ')}]`).join(' ')}`;
}

export interface PublicationSide {
  readonly t: number;
  readonly event: number;
  readonly director: string;
  readonly layout: string;
  readonly recoveryVersion: number | null;
}

/** One epoch's publication in each run; `differs` names what is not the same. */
export interface PublicationRow {
  readonly epoch: number;
  readonly a: PublicationSide | null;
  readonly b: PublicationSide | null;
  /** Empty when the same: 'only A', 'only B', 'time', 'layout', 'recovery version'. */
  readonly differs: readonly string[];
}

export function comparePublications(a: readonly PublishedLayout[], b: readonly PublishedLayout[]): PublicationRow[] {
  const side = (l: PublishedLayout | undefined): PublicationSide | null =>
    l === undefined ? null : { t: l.t, event: l.event, director: l.director, layout: layoutKey(l), recoveryVersion: l.recoveryVersion };
  const epochs = [...new Set([...a.map((l) => l.epoch), ...b.map((l) => l.epoch)])].sort((x, y) => x - y);
  return epochs.map((epoch) => {
    const sa = side(a.find((l) => l.epoch === epoch));
    const sb = side(b.find((l) => l.epoch === epoch));
    const differs: string[] = [];
    if (sa === null) differs.push('only B');
    else if (sb === null) differs.push('only A');
    else {
      if (sa.t !== sb.t) differs.push('time');
      if (sa.layout !== sb.layout) differs.push('layout');
      if (sa.recoveryVersion !== sb.recoveryVersion) differs.push('recovery version');
    }
    return { epoch, a: sa, b: sb, differs };
  });
}

export interface GenerationSide {
  readonly acks: number;
  readonly first: number;
  readonly last: number;
}

/** Commits acknowledged by one generation (epoch) in each run. */
export interface GenerationRow {
  readonly epoch: number;
  readonly a: GenerationSide | null;
  readonly b: GenerationSide | null;
}

export function compareGenerations(a: Acks, b: Acks): GenerationRow[] {
  const tally = (acks: Acks): Map<number, { acks: number; first: number; last: number }> => {
    const by = new Map<number, { acks: number; first: number; last: number }>();
    acks.epoch.forEach((e, k) => {
      const t = acks.t[k] as number;
      const g = by.get(e);
      if (g === undefined) by.set(e, { acks: 1, first: t, last: t });
      else {
        g.acks++;
        g.last = t;
      }
    });
    return by;
  };
  const ta = tally(a);
  const tb = tally(b);
  const epochs = [...new Set([...ta.keys(), ...tb.keys()])].sort((x, y) => x - y);
  return epochs.map((epoch) => ({ epoch, a: ta.get(epoch) ?? null, b: tb.get(epoch) ?? null }));
}

/** An invariant's violations in each run: counts, and the first of each (an index into that run's violations). */
export interface ViolationRow {
  readonly invariant: string;
  readonly kind: string;
  readonly a: number;
  readonly b: number;
  readonly firstA: number;
  readonly firstB: number;
}

/** Per invariant violated in either run; `a === 0` or `b === 0` marks the ones only one run has. */
export function compareViolations(a: readonly ExplainedViolation[], b: readonly ExplainedViolation[]): ViolationRow[] {
  type Row = { -readonly [K in keyof ViolationRow]: ViolationRow[K] };
  const rows = new Map<string, Row>();
  const row = (v: ExplainedViolation): Row => {
    let r = rows.get(v.invariant);
    if (r === undefined) {
      r = { invariant: v.invariant, kind: v.kind, a: 0, b: 0, firstA: -1, firstB: -1 };
      rows.set(v.invariant, r);
    }
    return r;
  };
  const earliest = (list: readonly ExplainedViolation[], current: number, k: number): number => (current < 0 || (list[k] as ExplainedViolation).event < (list[current] as ExplainedViolation).event ? k : current);
  a.forEach((v, k) => {
    const r = row(v);
    r.a++;
    r.firstA = earliest(a, r.firstA, k);
  });
  b.forEach((v, k) => {
    const r = row(v);
    r.b++;
    r.firstB = earliest(b, r.firstB, k);
  });
  // only-in-one first, then by name
  return [...rows.values()].sort((x, y) => Number(x.a > 0 && x.b > 0) - Number(y.a > 0 && y.b > 0) || (x.invariant < y.invariant ? -1 : 1));
}

/** Everything the comparison page says about how two runs differ. */
export interface Comparison {
  /** Null when the traces are the same (or the same as far as compared: `comparedAll` false). */
  readonly divergence: Divergence | null;
  readonly identical: boolean;
  /** False when the traces are the same for the first `MAX_COMPARED_EVENTS` and were not compared further. */
  readonly comparedAll: boolean;
  readonly publications: readonly PublicationRow[];
  readonly generations: readonly GenerationRow[];
  readonly violations: readonly ViolationRow[];
}

/** The message number → send record lookup of a trace. */
function sendLookup(records: readonly Rec[]): SendOf {
  let sends: Map<number, Rec> | undefined;
  return (m) => {
    if (sends === undefined) {
      sends = new Map();
      for (const r of records) if (r.type === 'send') sends.set(r.m, r);
    }
    return sends.get(m);
  };
}

export interface CompareSide {
  readonly records: readonly Rec[];
  readonly layouts: readonly PublishedLayout[];
  readonly acks: Acks;
  readonly violations: readonly ExplainedViolation[];
}

/**
 * `firstDifference`: the trace index where the traces part (-1 the same, null the same as far as
 * compared); `positions`: that event's place in each side's records (-1: that run had ended).
 */
export function buildComparison(a: CompareSide, b: CompareSide, firstDifference: number | null, positions: { readonly a: number; readonly b: number } | null): Comparison {
  const divergence =
    firstDifference !== null && firstDifference >= 0 && positions !== null
      ? describeDivergence(firstDifference, { records: a.records, position: positions.a, sendOf: sendLookup(a.records) }, { records: b.records, position: positions.b, sendOf: sendLookup(b.records) })
      : null;
  return {
    divergence,
    identical: firstDifference === -1,
    comparedAll: firstDifference !== null,
    publications: comparePublications(a.layouts, b.layouts),
    generations: compareGenerations(a.acks, b.acks),
    violations: compareViolations(a.violations, b.violations),
  };
}
