import type { DirectorSpan } from './spans.js';
import type { PublishedLayout } from './facts.js';
import type { LaneSet } from './lanes.js';
import type { Rec } from './records.js';

/**
 * The split-brain lens: who held which epoch where. One column per epoch (its director, when its
 * layout was published, which commits its generation acknowledged), one row per log or storage
 * service (when it was locked at each epoch, what it fenced off while holding it, and what it let
 * through that it should have fenced).
 */
export interface LensColumn {
  readonly epoch: number;
  /** The first director of this epoch, or null (an epoch only a lock or a layout mentions). */
  readonly director: string | null;
  readonly directorEvent: number;
  readonly startedAt: number | null;
  readonly publishedAt: number | null;
  readonly publishedEvent: number;
  /** Commits the client was told are committed by this generation. */
  readonly acks: number;
  readonly firstAck: number | null;
  readonly lastAck: number | null;
  readonly firstAckEvent: number;
}

export interface LensCell {
  readonly epoch: number;
  /** When the service accepted this epoch's lock (µs), or null if it never did. */
  readonly lockedAt: number | null;
  readonly lockEvent: number;
  /** Requests from older epochs it refused while holding this epoch (pushes, locks, recoveries). */
  readonly fenced: number;
  readonly firstFencedEvent: number;
  /** Pushes from older epochs it accepted while holding this epoch: what fencing exists to stop. */
  readonly leaked: number;
  readonly firstLeakedEvent: number;
  /** The service is in this epoch's published layout. */
  readonly inLayout: boolean;
}

export interface LensRow {
  readonly service: string;
  readonly kind: string;
  readonly lane: number;
  readonly cells: readonly LensCell[];
}

export interface Lens {
  readonly columns: readonly LensColumn[];
  readonly rows: readonly LensRow[];
}

interface MutableCell {
  epoch: number;
  lockedAt: number | null;
  lockEvent: number;
  fenced: number;
  firstFencedEvent: number;
  leaked: number;
  firstLeakedEvent: number;
  inLayout: boolean;
}

export function buildLens(records: readonly Rec[], lanes: LaneSet, directors: readonly DirectorSpan[], layouts: readonly PublishedLayout[]): Lens {
  const epochs = new Set<number>();
  const services = new Map<string, { kind: string; cells: Map<number, MutableCell> }>();
  const acks = new Map<number, { n: number; first: number; last: number; firstEvent: number }>();
  const service = (id: string, kind: string): Map<number, MutableCell> => {
    let s = services.get(id);
    if (s === undefined) {
      s = { kind, cells: new Map() };
      services.set(id, s);
    }
    return s.cells;
  };
  /** The service's cell for `epoch` (made on first use); the epoch gets a column. */
  const cell = (id: string, kind: string, epoch: number): MutableCell => {
    epochs.add(epoch);
    const cells = service(id, kind);
    let c = cells.get(epoch);
    if (c === undefined) {
      c = { epoch, lockedAt: null, lockEvent: -1, fenced: 0, firstFencedEvent: -1, leaked: 0, firstLeakedEvent: -1, inLayout: false };
      cells.set(epoch, c);
    }
    return c;
  };
  const fence = (id: string, kind: string, held: number | null, caller: number, r: Rec): void => {
    if (held === null || caller >= held) return;
    const c = cell(id, kind, held);
    if (c.fenced === 0) c.firstFencedEvent = r.i;
    c.fenced++;
  };
  for (const r of records) {
    switch (r.type) {
      case 'lock-accepted': {
        const c = cell(r.service, r.kind, r.epoch);
        if (c.lockedAt === null) {
          c.lockedAt = r.t;
          c.lockEvent = r.i;
        }
        break;
      }
      case 'lock-refused':
        fence(r.service, r.kind, r.current, r.epoch, r);
        break;
      case 'service-refused':
        fence(r.service, services.get(r.service)?.kind ?? 'service', r.current, r.callerEpoch, r);
        break;
      case 'log-push':
        if (!r.accepted) fence(r.log, 'log', r.logEpoch, r.callerEpoch, r);
        else if (r.logEpoch !== null && r.callerEpoch < r.logEpoch) {
          const c = cell(r.log, 'log', r.logEpoch);
          if (c.leaked === 0) c.firstLeakedEvent = r.i;
          c.leaked++;
        }
        break;
      case 'client-ack': {
        epochs.add(r.epoch);
        const a = acks.get(r.epoch);
        if (a === undefined) acks.set(r.epoch, { n: 1, first: r.t, last: r.t, firstEvent: r.i });
        else {
          a.n++;
          a.last = r.t;
        }
        break;
      }
    }
  }
  for (const d of directors) epochs.add(d.epoch);
  for (const l of layouts) {
    epochs.add(l.epoch);
    for (const id of [...l.logs, ...l.teams.flatMap((t) => t.storageIds)]) {
      const known = services.get(id);
      cell(id, known?.kind ?? (l.logs.includes(id) ? 'log' : 'storage'), l.epoch).inLayout = true;
    }
  }
  const sorted = [...epochs].sort((a, b) => a - b);
  const columns: LensColumn[] = sorted.map((epoch) => {
    const d = directors.find((x) => x.epoch === epoch);
    const l = layouts.find((x) => x.epoch === epoch);
    const a = acks.get(epoch);
    return {
      epoch,
      director: d?.pid ?? null,
      directorEvent: d?.startEvent ?? -1,
      startedAt: d?.start ?? null,
      publishedAt: l?.t ?? null,
      publishedEvent: l?.event ?? -1,
      acks: a?.n ?? 0,
      firstAck: a?.first ?? null,
      lastAck: a?.last ?? null,
      firstAckEvent: a?.firstEvent ?? -1,
    };
  });
  const kindRank = (k: string): number => (k === 'log' ? 0 : k === 'storage' ? 1 : 2);
  const rows: LensRow[] = [...services.entries()]
    .map(([id, s]) => ({
      service: id,
      kind: s.kind,
      lane: lanes.serviceLane(id),
      cells: sorted.flatMap((e) => {
        const c = s.cells.get(e);
        return c === undefined ? [] : [{ ...c }];
      }),
    }))
    .sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || firstLock(a) - firstLock(b) || (a.service < b.service ? -1 : 1));
  return { columns, rows };
}

function firstLock(row: { readonly cells: readonly LensCell[] }): number {
  return row.cells.reduce((m, c) => (c.lockedAt !== null && c.lockedAt < m ? c.lockedAt : m), Number.MAX_SAFE_INTEGER);
}

/** Every commit acknowledgement the client received: when, and by which generation (epoch). */
export interface Acks {
  readonly t: readonly number[];
  readonly epoch: readonly number[];
  /** Each acknowledgement's record (position in the records the report is drawn from). */
  readonly event: readonly number[];
}

export function clientAcks(records: readonly Rec[]): Acks {
  const t: number[] = [];
  const epoch: number[] = [];
  const event: number[] = [];
  for (const r of records) {
    if (r.type !== 'client-ack') continue;
    t.push(r.t);
    epoch.push(r.epoch);
    event.push(r.i);
  }
  return { t, epoch, event };
}

/** A stretch with no commit acknowledged while the workload was running. */
export interface Outage {
  readonly start: number;
  readonly end: number;
}

/** The shortest gap counted as unavailability (µs), whatever the workload's pace. */
export const MIN_OUTAGE_US = 300_000;

/**
 * Gaps between acknowledgements longer than fifteen median gaps (and at least `MIN_OUTAGE_US`),
 * from the first acknowledgement to `until` (when the workload stops, or the end of the run).
 * Arrivals are Poisson, so an ordinary gap that long has a chance of e^-10 (fifteen times ln 2);
 * a recovery shows. `known(k)`: whether the gap after acknowledgement k is really empty (a
 * sampled trace leaves records out, so a gap over a left-out stretch is not an outage).
 */
export function outages(ackTimes: readonly number[], until: number, known: (after: number) => boolean = () => true): Outage[] {
  if (ackTimes.length < 2) return [];
  const gaps: number[] = [];
  for (let k = 1; k < ackTimes.length; k++) gaps.push((ackTimes[k] as number) - (ackTimes[k - 1] as number));
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const threshold = Math.max(MIN_OUTAGE_US, 15 * median);
  const out: Outage[] = [];
  for (let k = 1; k < ackTimes.length; k++) {
    const a = ackTimes[k - 1] as number;
    const b = ackTimes[k] as number;
    if (b - a > threshold && known(k - 1)) out.push({ start: a, end: b });
  }
  const last = ackTimes[ackTimes.length - 1] as number;
  if (until - last > threshold && known(ackTimes.length - 1)) out.push({ start: last, end: until });
  return out;
}
