import type { DropCause } from '../../../../sim/index.js';
import type { LaneSet } from './lanes.js';
import type { Rec } from './records.js';

export type ArrowOutcome = 'delivered' | 'dropped' | 'in-flight';

/** One copy of a message on the Lamport diagram: from its send to a delivery, a drop, or the end of the run. */
export interface Arrow {
  /** The message number shared by the send and its deliveries or drops. */
  readonly m: number;
  readonly sendEvent: number;
  /** The deliver or drop event; -1 when the message was still in flight when the run ended. */
  readonly endEvent: number;
  readonly sendT: number;
  readonly endT: number;
  readonly from: number;
  readonly to: number;
  /** `msg.type` */
  readonly kind: string;
  readonly outcome: ArrowOutcome;
  readonly cause: DropCause | null;
  /** A second (or later) delivery of the same message. */
  readonly duplicate: boolean;
  /** A request awaiting a reply (`call`), or the reply to one (`reply`). */
  readonly call: boolean;
  readonly reply: boolean;
  /** A few small fields of the message (`epoch=4 version=12`), payloads left out. */
  readonly summary: string;
}

type Send = Extract<Rec, { type: 'send' }>;

const MAX_FIELDS = 4;
const MAX_TEXT = 40;

/** The message's small scalar fields as `key=value`, without its payloads (writes, layouts, entries). */
export function summarizeMessage(msg: { readonly type: string } & Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(msg)) {
    if (key === 'type' || parts.length >= MAX_FIELDS) continue;
    const text = scalarText(value);
    if (text !== null) parts.push(`${key}=${text}`);
  }
  return parts.join(' ');
}

function scalarText(value: unknown): string | null {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.length <= MAX_TEXT ? value : null;
  if (Array.isArray(value) && value.length <= 4 && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    const text = `[${value.join(',')}]`;
    return text.length <= MAX_TEXT ? text : null;
  }
  return null;
}

/**
 * Pairs every send with its deliveries and drops by message number. A duplicated message yields
 * one arrow per delivery; a send with no delivery or drop is in flight until `endT`.
 * Arrows come out ordered by send event, then end event.
 */
export function matchArrows(records: readonly Rec[], lanes: LaneSet, endT: number): Arrow[] {
  const sends = new Map<number, Send>();
  const ended = new Set<number>();
  const delivered = new Set<number>();
  const arrows: Arrow[] = [];
  const make = (send: Send, end: Rec | null, to: number, outcome: ArrowOutcome, cause: DropCause | null, duplicate: boolean): Arrow => ({
    m: send.m,
    sendEvent: send.i,
    endEvent: end === null ? -1 : end.i,
    sendT: send.t,
    endT: end === null ? endT : end.t,
    from: lanes.laneOf(send.from),
    to,
    kind: send.msg.type,
    outcome,
    cause,
    duplicate,
    call: send.call !== undefined,
    reply: send.reply !== undefined,
    summary: summarizeMessage(send.msg as { type: string } & Record<string, unknown>),
  });

  for (const r of records) {
    if (r.type === 'send') {
      sends.set(r.m, r);
    } else if (r.type === 'deliver') {
      const send = sends.get(r.m);
      if (send === undefined) continue;
      const duplicate = r.dup === true || delivered.has(r.m);
      delivered.add(r.m);
      ended.add(r.m);
      arrows.push(make(send, r, lanes.laneOf(r.to), 'delivered', null, duplicate));
    } else if (r.type === 'drop') {
      const send = sends.get(r.m);
      if (send === undefined) continue;
      ended.add(r.m);
      arrows.push(make(send, r, lanes.laneOf(send.to), 'dropped', r.cause, false));
    }
  }
  for (const send of sends.values()) {
    if (!ended.has(send.m)) arrows.push(make(send, null, lanes.laneOf(send.to), 'in-flight', null, false));
  }
  return arrows.sort((a, b) => a.sendEvent - b.sendEvent || endKey(a) - endKey(b));
}

function endKey(a: Arrow): number {
  return a.endEvent < 0 ? Number.MAX_SAFE_INTEGER : a.endEvent;
}
