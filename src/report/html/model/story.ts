import { describeFault } from '../../../../sim/index.js';
import { INVARIANTS } from '../../../check/invariants/index.js';
import { summarizeMessage } from './arrows.js';
import { eventHeadline, sendHeadline } from './describe.js';
import type { ExplainedViolation } from './facts.js';
import { eventLane, type LaneSet } from './lanes.js';
import { firstAtOrAfter, type Rec } from './records.js';
import type { DirectorSpan } from './spans.js';
import type { LivenessWait } from './waiting.js';

/**
 * The story of a run as chapters: moments on the timeline a reader steps through. A demo's
 * chapters are its narration (the lines `recovery-sim demo` prints, at the events that trigger
 * them); a run with a violation gets the violation, its witnesses and the key protocol moments
 * that led to it; any other run gets its key moments (faults, directors, locks, publishes).
 */
export type ChapterKind = 'narration' | 'violation' | 'witness' | 'key' | 'liveness';

export interface Chapter {
  readonly event: number;
  readonly t: number;
  readonly kind: ChapterKind;
  /** A few words for the marker on the timeline. */
  readonly title: string;
  /** What happens here, for the "what to watch" box. */
  readonly text: string;
  /** The lanes involved, in display order: the view filters to these. */
  readonly lanes: readonly number[];
  /** The window the view zooms to (µs). */
  readonly t0: number;
  readonly t1: number;
  /** The violation a violation or witness chapter belongs to (index into the report's violations), or -1. */
  readonly violation: number;
  /** It tells the liveness checkpoint (alone, or joined to the violation at the same event). */
  readonly liveness?: true;
}

/** A line a demo's narrator said, at the event that made it speak. */
export interface NarrationMoment {
  readonly event: number;
  readonly say: string;
}

/** How wide the view is around a moment (µs): wide enough for a round of messages (a few ms each). */
const MOMENT_WINDOW_US = 20_000;
/** The most lanes a chapter filters to: about what fits at 1280×720. */
export const MAX_CHAPTER_LANES = 14;
const MAX_KEY_CHAPTERS = 12;
const MAX_WITNESS_CHAPTERS = 3;

/**
 * Invariants that check a mechanism (fencing: each forbidden push), as opposed to the damage
 * (split-brain, lost commits): a run that has both lists the damage first.
 */
export const MECHANISM_INVARIANTS: ReadonlySet<string> = new Set(['fencing']);

/** Each invariant's place in the catalogue. */
const CATALOGUE_PLACE: ReadonlyMap<string, number> = new Map(INVARIANTS.map((inv, k) => [inv.id, k]));

/**
 * The order violations are listed and told in: damage before mechanism, then by the invariant's
 * place in the catalogue (no-split-brain first), then by time. Returns indices into `violations`.
 */
export function violationOrder(violations: readonly Pick<ExplainedViolation, 'invariant' | 'event'>[]): number[] {
  const rank = (id: string): number => (MECHANISM_INVARIANTS.has(id) ? 1000 : 0) + (CATALOGUE_PLACE.get(id) ?? 999);
  return violations.map((_, k) => k).sort((a, b) => {
    const va = violations[a]!;
    const vb = violations[b]!;
    return rank(va.invariant) - rank(vb.invariant) || va.event - vb.event || a - b;
  });
}

/** The violation a reader should see first (-1 when there is none). */
export function headlineViolation(violations: readonly Pick<ExplainedViolation, 'invariant' | 'event'>[]): number {
  return violations.length === 0 ? -1 : (violationOrder(violations)[0] as number);
}

/** Event types whose lanes count as involved when they happen inside a moment's window. */
const KEY_TYPES: ReadonlySet<string> = new Set([
  'phase', 'lock-accepted', 'lock-refused', 'director-started', 'director-stopped', 'director-running', 'newer-epoch-seen', 'layout-published',
  'recruited', 'stalled', 'service-refused', 'tsl-refused', 'publish-failed', 'leader-elected', 'leader-deposed', 'process-down', 'log-recovered',
  'storage-unlocked', 'commit-failed',
]);

interface Context {
  readonly records: readonly Rec[];
  readonly lanes: LaneSet;
  readonly directors: readonly DirectorSpan[];
  readonly endT: number;
  /** The sender of each message number, for the message that caused a moment. */
  readonly senders?: ReadonlyMap<number, string>;
}

/** How far back (µs) the message that caused an event is looked for. */
const CAUSE_WINDOW_US = 5_000;

/**
 * The lane of the process whose message caused event `event`: the sender of the last delivery to
 * the event's lane at or before it (within `CAUSE_WINDOW_US`): a refused lock's director, a fenced
 * push's proxy. -1 when there is none.
 */
function causeLane(ctx: Context, event: number): number {
  const r = ctx.records[event];
  if (r === undefined || ctx.senders === undefined) return -1;
  const lane = eventLane(r, ctx.lanes);
  if (lane < 0) return -1;
  for (let k = event; k >= 0 && k > event - 400; k--) {
    const x = ctx.records[k] as Rec;
    if (r.t - x.t > CAUSE_WINDOW_US) break;
    if (x.type === 'deliver' && ctx.lanes.laneOf(x.to) === lane) {
      const from = ctx.senders.get(x.m);
      return from === undefined ? -1 : ctx.lanes.laneOf(from);
    }
  }
  return -1;
}

/** The lanes an event is about: where it happens and the processes it names. */
function actorLanes(r: Rec, set: LaneSet): number[] {
  const out: number[] = [];
  const add = (l: number): void => {
    if (l >= 0 && !out.includes(l)) out.push(l);
  };
  add(eventLane(r, set));
  const fields = r as unknown as Record<string, unknown>;
  for (const key of ['director', 'coordinator', 'pid', 'proxy', 'from', 'to']) {
    const v = fields[key];
    if (typeof v === 'string' && v.includes('@')) add(set.laneOf(v));
  }
  for (const key of ['service', 'log', 'storage']) {
    const v = fields[key];
    if (typeof v === 'string') add(set.serviceLane(v));
  }
  if (r.type === 'fault') {
    const a = r.action as unknown as Record<string, unknown>;
    const nodes = new Set<string>();
    for (const key of ['node', 'from', 'to', 'link']) {
      const v = a[key];
      if (typeof v === 'string') nodes.add(v);
      else if (Array.isArray(v)) for (const n of v) if (typeof n === 'string') nodes.add(n);
    }
    for (const lane of set.lanes) {
      if (nodes.has(lane.node) && (lane.role === 'coordinator' || lane.role === 'director' || lane.role === 'log')) add(lane.index);
    }
  }
  return out;
}


/**
 * The lanes a moment involves: its own actors first, then `extra` (a violation's witnesses), then
 * the lanes of key events inside the window (most active first), then the directors alive at the
 * moment; at most `MAX_CHAPTER_LANES`, returned in display order.
 */
function involvedLanes(ctx: Context, event: number, t0: number, t1: number, extra: readonly number[] = []): number[] {
  const chosen: number[] = [];
  const add = (l: number): void => {
    if (l >= 0 && chosen.length < MAX_CHAPTER_LANES && !chosen.includes(l)) chosen.push(l);
  };
  const r = ctx.records[event];
  if (r !== undefined) actorLanes(r, ctx.lanes).forEach(add);
  add(causeLane(ctx, event));
  extra.forEach(add);
  const counts = new Map<number, number>();
  for (let k = firstAtOrAfter(ctx.records, t0); k < ctx.records.length; k++) {
    const x = ctx.records[k] as Rec;
    if (x.t > t1) break;
    const key = KEY_TYPES.has(x.type) || (x.type === 'log-push' && !x.accepted);
    if (!key) continue;
    for (const l of actorLanes(x, ctx.lanes)) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).forEach(([l]) => add(l));
  const t = r?.t ?? t0;
  for (const d of ctx.directors) if (d.start <= t && (d.end === null || d.end >= t)) add(d.lane);
  return chosen.sort((a, b) => a - b);
}

function windowAround(t: number, endT: number, width = MOMENT_WINDOW_US): [number, number] {
  const w = Math.min(width, Math.max(endT, 1));
  let t0 = Math.max(0, t - w * 0.3);
  const t1 = Math.min(Math.max(endT, 1), t0 + w);
  t0 = Math.max(0, t1 - w);
  return [t0, t1];
}

/** A key protocol moment: why it matters, in a line. */
function keyText(r: Rec): { title: string; text: string } | null {
  switch (r.type) {
    case 'fault':
      return { title: describeFault(r.action), text: `Fault: ${describeFault(r.action)}.` };
    case 'trigger-fired':
      return { title: `aimed fault`, text: eventHeadline(r) };
    case 'director-started':
      return {
        title: `${shortPid(r.director)} starts`,
        text: `${r.director} starts with epoch ${r.epoch}${r.oldEpoch === null ? ' and builds a new cluster' : `: it must lock the old layout (e${r.oldEpoch}) before building its own generation`}.`,
      };
    case 'lock-accepted':
      return { title: `e${r.epoch} locks`, text: `${r.kind} ${r.service} accepts epoch ${r.epoch}'s lock (was ${r.previous === null ? 'none' : `e${r.previous}`}): from now on it refuses anything older.` };
    case 'lock-refused':
      return { title: 'lock refused', text: `${r.kind} ${r.service} refuses epoch ${r.epoch}: it already holds e${r.current ?? '?'}. A service never accepts a lower epoch.` };
    case 'service-refused':
      return { title: 'refused', text: `${r.service} refuses ${r.request} from epoch ${r.callerEpoch}: it holds e${r.current ?? '?'} (fencing).` };
    case 'log-push':
      return { title: 'push fenced', text: `Log ${r.log} fences off a push from epoch ${r.callerEpoch}: it is locked at e${r.logEpoch ?? '?'}, so the old generation cannot commit through it.` };
    case 'newer-epoch-seen':
      return { title: `${shortPid(r.director)} sees e${r.newer}`, text: `${r.director} learns that epoch ${r.newer} exists (from ${r.from}).` };
    case 'layout-published':
      return { title: `e${r.epoch} published`, text: `Layout e${r.epoch} is published by a majority of coordinators: generation e${r.epoch} is the one clients move to.` };
    case 'director-stopped':
      return { title: `${shortPid(r.director)} stops`, text: `${r.director} stops: ${r.reason}.` };
    case 'stalled':
      return { title: `${shortPid(r.director)} stalls`, text: `${r.director} stalls (attempt ${r.attempt}): ${r.reason} ${r.detail}; it retries.` };
    case 'leader-deposed':
      return { title: 'leader deposed', text: `${r.coordinator} no longer leads term ${r.term}: ${r.reason}.` };
    case 'leader-elected':
      return { title: `${shortPid(r.coordinator)} leads`, text: `${r.coordinator} is elected leader for term ${r.term}.` };
    case 'director-running':
      return { title: `e${r.epoch} running`, text: `${r.director} runs its generation (published: ${r.published}).` };
    case 'election-started':
      return { title: 'election', text: `${r.coordinator} campaigns for term ${r.term}.` };
    default:
      return null;
  }
}

function headline(r: Rec): string {
  return r.type === 'send' ? sendHeadline(r, summarizeMessage(r.msg as { type: string } & Record<string, unknown>)) : eventHeadline(r);
}

function shortPid(pid: string): string {
  return pid.split('#')[0] ?? pid;
}

/** Candidate key moments, each with a priority (lower first when there are too many). */
function keyMoments(records: readonly Rec[]): { event: number; priority: number }[] {
  const out: { event: number; priority: number }[] = [];
  const push = (r: Rec, priority: number): void => {
    out.push({ event: r.i, priority });
  };
  /** Push only the first event per `key` (per director, per epoch…). */
  const pushFirst = <K>(seen: Set<K>, key: K, r: Rec, priority: number): void => {
    if (seen.has(key)) return;
    seen.add(key);
    push(r, priority);
  };
  const firstLock = new Set<string>();
  const firstRefusal = new Set<string>();
  const firstSeen = new Set<string>();
  const firstStall = new Set<string>();
  const fencedFrom = new Set<number>();
  for (const r of records) {
    switch (r.type) {
      case 'fault':
        if (r.action.kind !== 'set-loss' && r.action.kind !== 'unclog' && r.action.kind !== 'unreorder') push(r, 4);
        break;
      case 'trigger-fired':
        push(r, 4);
        break;
      case 'director-started':
        push(r, 1);
        break;
      case 'lock-accepted':
        pushFirst(firstLock, r.director, r, 5);
        break;
      case 'lock-refused':
        pushFirst(firstRefusal, r.director, r, 2);
        break;
      case 'service-refused':
        pushFirst(firstRefusal, `e${r.callerEpoch}`, r, 2);
        break;
      case 'log-push':
        if (!r.accepted) pushFirst(fencedFrom, r.callerEpoch, r, 3);
        break;
      case 'newer-epoch-seen':
        pushFirst(firstSeen, r.director, r, 2);
        break;
      case 'layout-published':
        push(r, 3);
        break;
      case 'director-stopped':
        push(r, 6);
        break;
      case 'stalled':
        pushFirst(firstStall, r.director, r, 6);
        break;
      case 'leader-deposed':
        push(r, 7);
        break;
    }
  }
  return out;
}

/** Where the story starts: the first fault (aimed or scripted), else the second director, else the start. */
function storyStart(records: readonly Rec[]): number {
  let secondDirector = -1;
  let directors = 0;
  for (const r of records) {
    if (r.type === 'fault' || r.type === 'trigger-fired') return r.t;
    if (r.type === 'director-started' && ++directors === 2) secondDirector = r.t;
  }
  return secondDirector >= 0 ? secondDirector : 0;
}

export interface ChapterInput {
  readonly records: readonly Rec[];
  readonly lanes: LaneSet;
  readonly directors: readonly DirectorSpan[];
  readonly violations: readonly ExplainedViolation[];
  readonly endT: number;
  /** A demo's narration, when the report comes from `demo --report`. */
  readonly narration?: readonly NarrationMoment[];
  /** When recovery-completes failed: what each director waited on at the checkpoint. */
  readonly liveness?: LivenessWait;
}

/** The liveness checkpoint as a moment: what each director waits on, the processes it waits on. */
function livenessChapter(w: LivenessWait, endT: number): Chapter {
  const lines = w.directors.map((d) => `${d.pid} (e${d.epoch}): ${d.text}${d.calls.length > 0 ? `: ${d.calls.slice(0, 3).map((c) => c.text).join('; ')}${d.calls.length > 3 ? `; and ${d.calls.length - 3} more` : ''}` : ''}.`);
  if (w.note !== null) lines.push(w.note);
  const sent = w.directors.flatMap((d) => d.calls.map((c) => c.sentAt));
  const from = Math.min(w.t - MOMENT_WINDOW_US, ...sent);
  const t0 = Math.max(0, from - Math.max(2_000, (w.t - from) * 0.1));
  const t1 = Math.min(Math.max(endT, 1), w.t + Math.max(MOMENT_WINDOW_US / 2, (w.t - t0) * 0.1));
  return {
    event: w.event,
    t: w.t,
    kind: 'liveness',
    title: 'liveness checkpoint',
    text: `The liveness checkpoint (faults stopped, plus the bound): what each director is waiting on.\n${lines.join('\n')}`,
    lanes: w.lanes.slice(0, MAX_CHAPTER_LANES),
    t0,
    t1,
    violation: -1,
    liveness: true,
  };
}

export function buildChapters(input: ChapterInput): Chapter[] {
  const senders = new Map<number, string>();
  for (const r of input.records) if (r.type === 'send') senders.set(r.m, r.from);
  const ctx: Context = { ...input, senders };
  const { records, violations, endT } = input;
  const chapters = new Map<number, Chapter>();
  const put = (c: Chapter): void => {
    const existing = chapters.get(c.event);
    if (existing === undefined) chapters.set(c.event, c);
    else if (existing.kind === 'narration' && c.kind !== 'narration') chapters.set(c.event, { ...existing, text: `${existing.text}\n${c.text}`, violation: c.violation, kind: c.kind, ...(c.liveness === true ? { liveness: true as const } : {}) });
    else if (existing.kind === 'violation' && c.kind === 'violation') chapters.set(c.event, { ...existing, title: `${existing.title} +1`, text: `${existing.text}\nAt the same event: ${c.text}` });
    else if (existing.kind === 'violation' && c.kind === 'liveness') {
      const lanes = [...new Set([...existing.lanes, ...c.lanes])].slice(0, MAX_CHAPTER_LANES).sort((a, b) => a - b);
      chapters.set(c.event, { ...existing, text: `${existing.text}\n${c.text}`, lanes, t0: Math.min(existing.t0, c.t0), t1: Math.max(existing.t1, c.t1), liveness: true });
    }
  };
  const at = (event: number): Rec | undefined => records[event];

  for (const m of input.narration ?? []) {
    const r = at(m.event);
    if (r === undefined) continue;
    const [t0, t1] = windowAround(r.t, endT);
    const title = keyText(r)?.title ?? r.type;
    put({ event: m.event, t: r.t, kind: 'narration', title, text: m.say, lanes: involvedLanes(ctx, m.event, t0, t1), t0, t1, violation: -1 });
  }

  const order = violationOrder(violations);
  const head = order[0];
  const told = new Set<string>();
  for (const k of order) {
    const v = violations[k] as ExplainedViolation;
    if (told.has(v.invariant) || told.size >= 4) continue;
    told.add(v.invariant);
    const r = at(v.event);
    if (r === undefined) continue;
    const witnesses = v.witnesses.filter((w) => w !== v.event && at(w) !== undefined);
    const times = [r.t, ...witnesses.map((w) => (at(w) as Rec).t)];
    const lo = Math.min(...times);
    let [t0, t1] = windowAround(r.t, endT);
    if (lo < t0) {
      const pad = Math.max(2_000, (r.t - lo) * 0.15);
      t0 = Math.max(0, lo - pad);
      t1 = Math.min(endT, r.t + pad);
    }
    const witnessLanes = witnesses.flatMap((w) => actorLanes(at(w) as Rec, input.lanes));
    put({
      event: v.event,
      t: r.t,
      kind: 'violation',
      title: `✗ ${v.invariant}`,
      text: `✗ ${v.invariant} is violated: ${v.message}. It means: ${v.meaning}`,
      lanes: involvedLanes(ctx, v.event, t0, t1, witnessLanes),
      t0,
      t1,
      violation: k,
    });
    if (k !== head) continue;
    for (const w of witnesses.slice(0, MAX_WITNESS_CHAPTERS)) {
      const wr = at(w) as Rec;
      const [w0, w1] = windowAround(wr.t, endT);
      put({
        event: w,
        t: wr.t,
        kind: 'witness',
        title: `witness`,
        text: `Witness of the ${v.invariant} violation: ${headline(wr)}.`,
        lanes: involvedLanes(ctx, w, w0, w1, actorLanes(r, input.lanes)),
        t0: w0,
        t1: w1,
        violation: k,
      });
    }
  }

  if (input.liveness !== undefined) put(livenessChapter(input.liveness, endT));

  if (input.narration === undefined || input.narration.length === 0) {
    // No narration: the key moments of the story, up to the first violation when there is one.
    const start = storyStart(records);
    const end = head === undefined ? Number.POSITIVE_INFINITY : (violations[head] as ExplainedViolation).t;
    const candidates = keyMoments(records);
    const statusQuo = candidates.filter((c) => (at(c.event) as Rec).type === 'layout-published' && (at(c.event) as Rec).t < start).pop();
    const inStory = candidates.filter((c) => {
      const t = (at(c.event) as Rec).t;
      return t >= start && t <= end;
    });
    const picked = [...(statusQuo !== undefined ? [statusQuo] : []), ...inStory]
      .map((c, order) => ({ ...c, order }))
      .sort((a, b) => a.priority - b.priority || a.order - b.order)
      .slice(0, MAX_KEY_CHAPTERS);
    for (const c of picked) {
      const r = at(c.event) as Rec;
      const said = keyText(r);
      if (said === null) continue;
      const [t0, t1] = windowAround(r.t, endT);
      put({ event: c.event, t: r.t, kind: 'key', title: said.title, text: said.text, lanes: involvedLanes(ctx, c.event, t0, t1), t0, t1, violation: -1 });
    }
  }
  return [...chapters.values()].sort((a, b) => a.event - b.event);
}
