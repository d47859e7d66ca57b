import type { DropCause } from '../../../sim/index.js';
import type { Arrow } from './model/arrows.js';
import { eventDetails, eventLabel } from './model/describe.js';
import type { Chapter, Lens, LivenessWait, Outage, ReportModel } from './model/index.js';
import { eventLane } from './model/lanes.js';
import type { ReportInput } from './types.js';

/** Bits of an arrow's `flags` column. The drop cause sits above them (`DROP_CAUSES` index + 1). */
export const ARROW_FLAGS = { reply: 1, call: 2, dropped: 4, inFlight: 8, duplicate: 16 } as const;
export const CAUSE_SHIFT = 5;
export const DROP_CAUSES: readonly DropCause[] = ['loss', 'partition', 'node-down', 'no-process'];

/** Event types that are messages: their `ref` names an arrow rather than a details string. */
export const MESSAGE_TYPES = ['send', 'deliver', 'drop'] as const;

/**
 * The page's data, compact: strings interned once, events and arrows as parallel columns of
 * integers, times delta-encoded. Only `msg.type` and a few small fields of each message are kept.
 */
export interface Payload {
  readonly meta: {
    readonly scenario: string;
    readonly description: string;
    readonly seed: number;
    readonly mutations: readonly string[];
    readonly verdict: string;
    readonly expectation: string | null;
    readonly expectationMet: boolean;
    readonly traceHash: string;
    readonly events: number;
    readonly virtualMs: number;
    readonly replay: string;
    readonly commits: { readonly acknowledged: number; readonly lost: number; readonly attempted: number; readonly failed: number };
    /** Present when only part of a long trace is shown: what is left out. */
    readonly sample?: string;
  };
  readonly endT: number;
  readonly strings: readonly string[];
  readonly eventTypes: readonly string[];
  readonly msgKinds: readonly string[];
  readonly nodes: readonly { readonly id: string; readonly lanes: readonly number[] }[];
  /** `inc`: [pid, start, startEvent, end | -1, endEvent | -1, reason string index | -1] */
  readonly lanes: readonly { readonly address: string; readonly name: string; readonly node: string; readonly role: string; readonly inc: readonly (readonly [string, number, number, number, number, number])[] }[];
  readonly events: {
    /** time since the previous event (µs) */
    readonly dt: readonly number[];
    readonly type: readonly number[];
    readonly lane: readonly number[];
    /** message events: arrow index; others: details string index */
    readonly ref: readonly number[];
    /** With a sample only: each event's index in the whole trace, delta-encoded. */
    readonly i?: readonly number[];
  };
  readonly arrows: {
    /** send event, delta-encoded */
    readonly send: readonly number[];
    /** end event minus send event; -1 in flight */
    readonly span: readonly number[];
    readonly from: readonly number[];
    readonly to: readonly number[];
    readonly kind: readonly number[];
    readonly flags: readonly number[];
    /** string index of the message's small fields, -1 none */
    readonly summary: readonly number[];
    readonly m: readonly number[];
  };
  /** [lane, epoch, start, end, startEvent, service string, director string] */
  readonly bands: readonly (readonly number[])[];
  /** [lane, epoch, start, startEvent, publishedAt | -1, publishedEvent, runningAt | -1, runningEvent, end | -1, endEvent, pid string, reason string | -1] */
  readonly directors: readonly (readonly number[])[];
  /** [lane, epoch, attempt, phase string, start, end, startEvent] */
  readonly phases: readonly (readonly number[])[];
  readonly partitions: readonly { readonly from: readonly string[]; readonly to: readonly string[]; readonly oneWay: boolean; readonly start: number; readonly end: number; readonly startEvent: number }[];
  readonly nodeDown: readonly { readonly node: string; readonly start: number; readonly end: number; readonly startEvent: number }[];
  readonly network: readonly { readonly kind: string; readonly label: string; readonly nodes: readonly string[]; readonly start: number; readonly end: number; readonly startEvent: number }[];
  readonly recruits: readonly { readonly lane: number; readonly event: number; readonly epoch: number; readonly kind: string; readonly reused: readonly string[]; readonly created: readonly string[] }[];
  readonly layouts: readonly { readonly epoch: number; readonly event: number; readonly t: number; readonly director: string; readonly logs: readonly string[]; readonly teams: readonly { readonly tag: number; readonly storageIds: readonly string[] }[]; readonly recoveryVersion: number | null }[];
  readonly violations: readonly { readonly invariant: string; readonly spec: string; readonly meaning: string; readonly kind: string; readonly message: string; readonly event: number; readonly t: number; readonly witnesses: readonly number[] }[];
  readonly epochs: readonly (readonly [number, string])[];
  /** Violation indices, damage first (see model/story.ts). */
  readonly violationOrder: readonly number[];
  /** What the page says to watch for, and whether the chapters are a demo's narration. */
  readonly story: { readonly demo: boolean; readonly title: string | null; readonly watch: readonly string[]; readonly conclusion: string | null };
  readonly chapters: readonly Chapter[];
  readonly lens: Lens;
  /** Client acknowledgements: time (delta-encoded) and generation. */
  readonly acks: { readonly dt: readonly number[]; readonly epoch: readonly number[] };
  readonly outages: readonly Outage[];
  /** Words written beside some marks when zoomed in: event (delta-encoded) and string index. */
  readonly labels: { readonly ev: readonly number[]; readonly s: readonly number[] };
  /** The causal past of the violations listed first: the violation, its seeds, the cut as lane, event pairs. */
  readonly causal: readonly { readonly v: number; readonly seeds: readonly number[]; readonly cut: readonly number[]; readonly events: number }[];
  /** When recovery-completes failed: what each director waited on at the liveness checkpoint. */
  readonly liveness: LivenessWait | null;
}

/** Interns strings: each distinct string is stored once and referred to by index. */
export class Interner {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  id(s: string): number {
    let k = this.index.get(s);
    if (k === undefined) {
      k = this.strings.length;
      this.strings.push(s);
      this.index.set(s, k);
    }
    return k;
  }
}

export function arrowFlags(a: Arrow): number {
  let f = 0;
  if (a.reply) f |= ARROW_FLAGS.reply;
  if (a.call) f |= ARROW_FLAGS.call;
  if (a.outcome === 'dropped') f |= ARROW_FLAGS.dropped;
  if (a.outcome === 'in-flight') f |= ARROW_FLAGS.inFlight;
  if (a.duplicate) f |= ARROW_FLAGS.duplicate;
  if (a.cause !== null) f |= (DROP_CAUSES.indexOf(a.cause) + 1) << CAUSE_SHIFT;
  return f;
}

/** Differences between consecutive values (the first against 0). */
export function deltas(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  let previous = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k] ?? 0;
    out[k] = v - previous;
    previous = v;
  }
  return out;
}

export function encodePayload(input: ReportInput, model: ReportModel): Payload {
  const { records, result, scenario } = input;
  const strings = new Interner();
  const types = new Interner();
  const kinds = new Interner();
  const s = (text: string | null): number => (text === null ? -1 : strings.id(text));

  // arrows: the send event's first arrow and each end event's arrow, for the events' `ref`
  const arrowOfSend = new Map<number, number>();
  const arrowOfEnd = new Map<number, number>();
  const arrows = {
    send: [] as number[],
    span: [] as number[],
    from: [] as number[],
    to: [] as number[],
    kind: [] as number[],
    flags: [] as number[],
    summary: [] as number[],
    m: [] as number[],
  };
  model.arrows.forEach((a, k) => {
    if (!arrowOfSend.has(a.sendEvent)) arrowOfSend.set(a.sendEvent, k);
    if (a.endEvent >= 0) arrowOfEnd.set(a.endEvent, k);
    arrows.send.push(a.sendEvent);
    arrows.span.push(a.endEvent < 0 ? -1 : a.endEvent - a.sendEvent);
    arrows.from.push(a.from);
    arrows.to.push(a.to);
    arrows.kind.push(kinds.id(a.kind));
    arrows.flags.push(arrowFlags(a));
    arrows.summary.push(a.summary === '' ? -1 : strings.id(a.summary));
    arrows.m.push(a.m);
  });
  arrows.send = deltas(arrows.send);
  arrows.m = deltas(arrows.m);

  const events = { dt: [] as number[], type: [] as number[], lane: [] as number[], ref: [] as number[] };
  const labels = { ev: [] as number[], s: [] as number[] };
  let previousT = 0;
  for (const r of records) {
    events.dt.push(r.t - previousT);
    previousT = r.t;
    events.type.push(types.id(r.type));
    if (r.type === 'send' || r.type === 'deliver' || r.type === 'drop') {
      const k = r.type === 'send' ? arrowOfSend.get(r.i) : arrowOfEnd.get(r.i);
      const arrow = k === undefined ? undefined : model.arrows[k];
      events.ref.push(k ?? -1);
      events.lane.push(arrow === undefined ? -1 : r.type === 'send' ? arrow.from : arrow.to);
    } else {
      events.ref.push(strings.id(eventDetails(r)));
      events.lane.push(eventLane(r, model.lanes));
      const label = eventLabel(r);
      if (label !== null) {
        labels.ev.push(r.i);
        labels.s.push(strings.id(label));
      }
    }
  }

  return {
    meta: {
      scenario: scenario.name,
      description: scenario.description ?? '',
      seed: result.seed,
      mutations: result.mutations,
      verdict: result.verdict,
      expectation: result.expectation,
      expectationMet: result.expectationMet,
      traceHash: result.traceHash,
      events: input.sample?.total ?? records.length,
      virtualMs: result.virtualMs,
      replay: result.replay,
      commits: result.commits,
      ...(input.sample !== undefined ? { sample: input.sample.note } : {}),
    },
    endT: model.endT,
    strings: strings.strings,
    eventTypes: types.strings,
    msgKinds: kinds.strings,
    nodes: model.lanes.nodes,
    lanes: model.lanes.lanes.map((l) => ({
      address: l.address,
      name: l.name,
      node: l.node,
      role: l.role,
      inc: l.incarnations.map((c) => [c.pid, c.start, c.startEvent, c.end ?? -1, c.endEvent ?? -1, s(c.endReason)] as const),
    })),
    events: input.sample !== undefined ? { ...events, i: deltas(input.sample.origin) } : events,
    arrows,
    bands: model.bands.map((b) => [b.lane, b.epoch, b.start, b.end, b.startEvent, s(b.service), s(b.director)]),
    directors: model.directors.map((d) => [
      d.lane,
      d.epoch,
      d.start,
      d.startEvent,
      d.publishedAt ?? -1,
      d.publishedEvent,
      d.runningAt ?? -1,
      d.runningEvent,
      d.end ?? -1,
      d.endEvent,
      s(d.pid),
      s(d.endReason),
    ]),
    phases: model.phases.map((p) => [p.lane, p.epoch, p.attempt, s(p.phase), p.start, p.end, p.startEvent]),
    partitions: model.partitions.map((p) => ({ from: p.from, to: p.to, oneWay: p.oneWay, start: p.start, end: p.end, startEvent: p.startEvent })),
    nodeDown: model.nodeDown.map((n) => ({ node: n.node, start: n.start, end: n.end, startEvent: n.startEvent })),
    network: model.network.map((n) => ({ kind: n.kind, label: n.label, nodes: n.nodes, start: n.start, end: n.end, startEvent: n.startEvent })),
    recruits: model.recruits.map((r) => ({ lane: r.lane, event: r.event, epoch: r.epoch, kind: r.kind, reused: r.reused, created: r.created })),
    layouts: model.layouts,
    violations: model.violations,
    epochs: [...model.epochColors.entries()],
    violationOrder: model.violationOrder,
    story: {
      demo: input.narration !== undefined,
      title: scenario.demo?.title ?? null,
      watch: scenario.watch ?? [],
      conclusion: scenario.demo?.conclusion ?? null,
    },
    chapters: model.chapters,
    lens: model.lens,
    acks: { dt: deltas(model.acks.t), epoch: model.acks.epoch },
    outages: model.outages,
    labels: { ev: deltas(labels.ev), s: labels.s },
    causal: model.causal.map((c) => ({ v: c.violation, seeds: c.seeds, cut: c.cut.flat(), events: c.events })),
    liveness: model.liveness,
  };
}

/** JSON safe to place inside a `<script type="application/json">` element. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
