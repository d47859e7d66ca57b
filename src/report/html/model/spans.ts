import type { PhaseName } from '../../../cluster/events.js';
import type { LaneSet } from './lanes.js';
import type { Rec } from './records.js';

/** A service holding a lock epoch: from its lock-accepted until the next one it accepts (or the end). */
export interface LockBand {
  readonly lane: number;
  readonly service: string;
  readonly kind: string;
  readonly epoch: number;
  readonly director: string;
  readonly start: number;
  readonly startEvent: number;
  end: number;
  endEvent: number;
}

export function lockBands(records: readonly Rec[], lanes: LaneSet, endT: number): LockBand[] {
  const bands: LockBand[] = [];
  const current = new Map<string, LockBand>();
  for (const r of records) {
    if (r.type !== 'lock-accepted') continue;
    const previous = current.get(r.service);
    if (previous !== undefined) {
      previous.end = r.t;
      previous.endEvent = r.i;
    }
    const band: LockBand = {
      lane: lanes.laneOf(r.pid),
      service: r.service,
      kind: r.kind,
      epoch: r.epoch,
      director: r.director,
      start: r.t,
      startEvent: r.i,
      end: endT,
      endEvent: -1,
    };
    current.set(r.service, band);
    bands.push(band);
  }
  return bands;
}

/**
 * A director's span of authority: it recovers from `start` until its layout is published
 * (`publishedAt`), then runs until it stops or its process goes down (`end`, null if it never did).
 */
export interface DirectorSpan {
  readonly lane: number;
  readonly pid: string;
  readonly epoch: number;
  readonly start: number;
  readonly startEvent: number;
  publishedAt: number | null;
  publishedEvent: number;
  runningAt: number | null;
  runningEvent: number;
  end: number | null;
  endEvent: number;
  endReason: string | null;
}

export function directorSpans(records: readonly Rec[], lanes: LaneSet): DirectorSpan[] {
  const spans: DirectorSpan[] = [];
  const byPid = new Map<string, DirectorSpan>();
  const close = (span: DirectorSpan | undefined, r: Rec, reason: string): void => {
    if (span === undefined || span.end !== null) return;
    span.end = r.t;
    span.endEvent = r.i;
    span.endReason = reason;
  };
  for (const r of records) {
    switch (r.type) {
      case 'director-started': {
        const span: DirectorSpan = {
          lane: lanes.laneOf(r.director),
          pid: r.director,
          epoch: r.epoch,
          start: r.t,
          startEvent: r.i,
          publishedAt: null,
          publishedEvent: -1,
          runningAt: null,
          runningEvent: -1,
          end: null,
          endEvent: -1,
          endReason: null,
        };
        spans.push(span);
        byPid.set(r.director, span);
        break;
      }
      case 'layout-published':
        for (const span of spans) {
          if (span.epoch === r.epoch && span.end === null && span.publishedAt === null) {
            span.publishedAt = r.t;
            span.publishedEvent = r.i;
          }
        }
        break;
      case 'director-running': {
        const span = byPid.get(r.director);
        if (span !== undefined && span.runningAt === null) {
          span.runningAt = r.t;
          span.runningEvent = r.i;
        }
        break;
      }
      case 'director-stopped':
        close(byPid.get(r.director), r, r.reason);
        break;
      case 'process-down':
        close(byPid.get(r.pid), r, r.reason);
        break;
    }
  }
  return spans;
}

/** A stretch of one director attempt in one phase (or stalled between attempts). */
export interface PhaseSegment {
  readonly lane: number;
  readonly director: string;
  readonly epoch: number;
  readonly attempt: number;
  readonly phase: PhaseName | 'stalled';
  readonly start: number;
  readonly startEvent: number;
  end: number;
}

/** Each phase lasts until the director's next phase, stall, new attempt, running state, or end. */
export function phaseSegments(records: readonly Rec[], lanes: LaneSet, endT: number): PhaseSegment[] {
  const segments: PhaseSegment[] = [];
  const open = new Map<string, PhaseSegment>();
  const finish = (director: string, t: number): void => {
    const segment = open.get(director);
    if (segment !== undefined) {
      segment.end = t;
      open.delete(director);
    }
  };
  const begin = (director: string, epoch: number, attempt: number, phase: PhaseSegment['phase'], r: Rec): void => {
    finish(director, r.t);
    const segment: PhaseSegment = { lane: lanes.laneOf(director), director, epoch, attempt, phase, start: r.t, startEvent: r.i, end: endT };
    segments.push(segment);
    open.set(director, segment);
  };
  for (const r of records) {
    switch (r.type) {
      case 'phase':
        begin(r.director, r.epoch, r.attempt, r.phase, r);
        break;
      case 'stalled':
        begin(r.director, r.epoch, r.attempt, 'stalled', r);
        break;
      case 'attempt-started':
      case 'director-running':
      case 'director-stopped':
        finish(r.director, r.t);
        break;
      case 'process-down':
        finish(r.pid, r.t);
        break;
    }
  }
  return segments;
}

/** A network partition in force: from its fault event until a heal of all, or of its id. */
export interface PartitionSpan {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly oneWay: boolean;
  /** Its name, when a heal of that id ends it alone. */
  readonly id?: string;
  /** It cuts only these processes (a name or prefix ending in `*`). */
  readonly only?: string;
  readonly start: number;
  readonly startEvent: number;
  end: number;
  endEvent: number;
}

export function partitionSpans(records: readonly Rec[], endT: number): PartitionSpan[] {
  const spans: PartitionSpan[] = [];
  let open: PartitionSpan[] = [];
  for (const r of records) {
    if (r.type !== 'fault') continue;
    const a = r.action;
    if (a.kind === 'partition') {
      const span: PartitionSpan = {
        from: a.from,
        to: a.to,
        oneWay: a.oneWay === true,
        ...(a.id !== undefined ? { id: a.id } : {}),
        ...(a.only !== undefined ? { only: a.only } : {}),
        start: r.t,
        startEvent: r.i,
        end: endT,
        endEvent: -1,
      };
      spans.push(span);
      open.push(span);
    } else if (a.kind === 'heal') {
      const ends = (span: PartitionSpan): boolean => a.id === undefined || span.id === a.id;
      for (const span of open.filter(ends)) {
        span.end = r.t;
        span.endEvent = r.i;
      }
      open = open.filter((span) => !ends(span));
    }
  }
  return spans;
}

/** A node that is down: from node-down to node-up (or the end). */
export interface NodeDownSpan {
  readonly node: string;
  readonly start: number;
  readonly startEvent: number;
  end: number;
  endEvent: number;
}

export function nodeDownSpans(records: readonly Rec[], endT: number): NodeDownSpan[] {
  const spans: NodeDownSpan[] = [];
  const open = new Map<string, NodeDownSpan>();
  for (const r of records) {
    if (r.type === 'node-down' && !open.has(r.node)) {
      const span: NodeDownSpan = { node: r.node, start: r.t, startEvent: r.i, end: endT, endEvent: -1 };
      spans.push(span);
      open.set(r.node, span);
    } else if (r.type === 'node-up') {
      const span = open.get(r.node);
      if (span !== undefined) {
        span.end = r.t;
        span.endEvent = r.i;
        open.delete(r.node);
      }
    }
  }
  return spans;
}

/** Slowed links (clog → unclog) and message loss (set-loss > 0 → set-loss 0), for the network strip. */
export interface NetworkSpan {
  readonly kind: 'clog' | 'loss';
  readonly label: string;
  /** Nodes the clog touches (empty: network-wide). */
  readonly nodes: readonly string[];
  readonly start: number;
  readonly startEvent: number;
  end: number;
  endEvent: number;
}

export function networkSpans(records: readonly Rec[], endT: number): NetworkSpan[] {
  const spans: NetworkSpan[] = [];
  const clogs = new Map<string, NetworkSpan>();
  let loss: NetworkSpan | null = null;
  const close = (span: NetworkSpan, r: Rec): void => {
    span.end = r.t;
    span.endEvent = r.i;
  };
  for (const r of records) {
    if (r.type !== 'fault') continue;
    const a = r.action;
    if (a.kind === 'clog') {
      const nodes = a.node !== undefined ? [a.node] : a.link !== undefined ? [...a.link] : [];
      const key = clogKey(a.node, a.link);
      const existing = clogs.get(key);
      if (existing !== undefined) close(existing, r);
      const span: NetworkSpan = { kind: 'clog', label: `clog ${nodes.join('<->') || 'network'} +${a.delayMs}ms`, nodes, start: r.t, startEvent: r.i, end: endT, endEvent: -1 };
      spans.push(span);
      clogs.set(key, span);
    } else if (a.kind === 'unclog') {
      if (a.node === undefined && a.link === undefined) {
        for (const span of clogs.values()) close(span, r);
        clogs.clear();
      } else {
        const key = clogKey(a.node, a.link);
        const span = clogs.get(key);
        if (span !== undefined) {
          close(span, r);
          clogs.delete(key);
        }
      }
    } else if (a.kind === 'set-loss') {
      if (loss !== null) close(loss, r);
      loss = null;
      if (a.rate > 0) {
        loss = { kind: 'loss', label: `loss ${(a.rate * 100).toFixed(1)}%`, nodes: [], start: r.t, startEvent: r.i, end: endT, endEvent: -1 };
        spans.push(loss);
      }
    }
  }
  return spans;
}

function clogKey(node: string | undefined, link: readonly [string, string] | undefined): string {
  if (node !== undefined) return `node:${node}`;
  if (link !== undefined) return `link:${[...link].sort().join('|')}`;
  return 'all';
}
