import { addressOf, nodeOf } from '../../../../sim/index.js';
import type { LaneSet } from './lanes.js';
import { lastAtOrBefore, type Rec } from './records.js';

/**
 * When liveness fails: what each live director was waiting on at the liveness checkpoint (faults
 * stopped, plus the bound). Where a director is in its pipeline comes from its own phase and
 * stall records; what it waits on comes from the kernel's records: the requests it sent that no
 * reply was delivered for, whether each request was delivered, dropped (and why), or is still in
 * flight, and what became of the process it asked: down (crashed, killed, exited), on a node
 * that is down, paused, or cut off from the director by a partition still in force.
 */
export interface WaitingCall {
  /** The message type of the request. */
  readonly type: string;
  readonly to: string;
  readonly toLane: number;
  readonly sentAt: number;
  readonly sendEvent: number;
  /** 'in-flight' | 'delivered' (no reply delivered yet) | 'request-dropped' | 'reply-dropped' | 'reply-in-flight'. */
  readonly status: 'in-flight' | 'delivered' | 'request-dropped' | 'reply-dropped' | 'reply-in-flight';
  /** The event that settled the status (the delivery or drop), or -1. */
  readonly statusEvent: number;
  /** What the kernel's records say of the request and of the process it went to. */
  readonly text: string;
}

export interface DirectorWait {
  readonly pid: string;
  readonly lane: number;
  readonly epoch: number;
  readonly state: 'running' | 'stalled' | 'in-phase';
  readonly phase: string;
  readonly attempt: number;
  /** Since when it is in this state (µs), and the event that put it there. */
  readonly since: number;
  readonly sinceEvent: number;
  readonly paused: boolean;
  /** What it is waiting on, in a sentence. */
  readonly text: string;
  readonly calls: readonly WaitingCall[];
}

export interface LivenessWait {
  /** The checkpoint (µs) and the last event at or before it. */
  readonly t: number;
  readonly event: number;
  readonly directors: readonly DirectorWait[];
  /** When no director is alive: the coordinators' state. */
  readonly note: string | null;
  /** Lanes involved (directors and the processes they wait on), for the page's filter. */
  readonly lanes: readonly number[];
}

interface Call {
  readonly type: string;
  readonly to: string;
  readonly t: number;
  readonly sendEvent: number;
  status: WaitingCall['status'];
  statusEvent: number;
  cause: string | null;
}

interface Director {
  readonly pid: string;
  readonly epoch: number;
  attempt: number;
  phase: string;
  state: DirectorWait['state'];
  since: number;
  sinceEvent: number;
  stall: string;
  published: boolean;
  paused: boolean;
  readonly calls: Map<number, Call>;
}

interface Partition {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly oneWay: boolean;
  readonly id: string | undefined;
  readonly t: number;
}

function secs(us: number): string {
  return `${(us / 1e6).toFixed(3)} s`;
}


/** How far a director's request got, in words. */
function callProgress(c: Call): string {
  switch (c.status) {
    case 'in-flight':
      return 'the request is still in flight';
    case 'delivered':
      return 'the request was delivered, no reply has come';
    case 'reply-in-flight':
      return 'the reply is on its way';
    case 'request-dropped':
      return `the request was dropped (${c.cause ?? '?'})`;
    case 'reply-dropped':
      return `the reply was dropped (${c.cause ?? '?'})`;
  }
}

export function livenessWait(records: readonly Rec[], lanes: LaneSet, at: number): LivenessWait {
  const last = lastAtOrBefore(records, at);
  const directors = new Map<string, Director>();
  /** message number → the director call it asks or answers */
  const messages = new Map<number, { director: string; call: number; request: boolean }>();
  const down = new Map<string, { t: number; reason: string }>();
  const nodesDown = new Map<string, number>();
  const paused = new Map<string, number>();
  let partitions: Partition[] = [];
  const leaders = new Map<string, number>();
  let lastCampaign: { coordinator: string; term: number; t: number } | undefined;

  for (let k = 0; k <= last; k++) {
    const r = records[k] as Rec;
    switch (r.type) {
      case 'director-started':
        directors.set(addressOf(r.director), { pid: r.director, epoch: r.epoch, attempt: 1, phase: 'starting', state: 'in-phase', since: r.t, sinceEvent: k, stall: '', published: false, paused: false, calls: new Map() });
        break;
      case 'attempt-started':
      case 'phase':
      case 'stalled': {
        const d = directors.get(addressOf(r.director));
        if (d === undefined) break;
        d.calls.clear();
        d.attempt = r.attempt;
        if (r.type === 'phase') Object.assign(d, { phase: r.phase, state: 'in-phase', since: r.t, sinceEvent: k });
        else if (r.type === 'stalled') Object.assign(d, { state: 'stalled', since: r.t, sinceEvent: k, stall: `${r.reason}${r.detail !== '' ? `: ${r.detail}` : ''}` });
        break;
      }
      case 'director-running': {
        const d = directors.get(addressOf(r.director));
        if (d !== undefined) Object.assign(d, { state: 'running', since: r.t, sinceEvent: k, published: r.published });
        break;
      }
      case 'director-stopped':
        directors.delete(addressOf(r.director));
        break;
      case 'spawn':
        down.delete(addressOf(r.pid));
        break;
      case 'process-down':
        directors.delete(addressOf(r.pid));
        leaders.delete(addressOf(r.pid));
        down.set(addressOf(r.pid), { t: r.t, reason: r.reason });
        break;
      case 'node-down':
        nodesDown.set(r.node, r.t);
        break;
      case 'node-up':
        nodesDown.delete(r.node);
        break;
      case 'pause':
      case 'resume': {
        const address = addressOf(r.pid);
        if (r.type === 'pause') paused.set(address, r.t);
        else paused.delete(address);
        const d = directors.get(address);
        if (d !== undefined) d.paused = r.type === 'pause';
        break;
      }
      case 'fault': {
        const a = r.action;
        if (a.kind === 'partition') partitions.push({ from: a.from, to: a.to, oneWay: a.oneWay === true, id: a.id, t: r.t });
        else if (a.kind === 'heal') partitions = a.id === undefined ? [] : partitions.filter((p) => p.id !== a.id);
        break;
      }
      case 'election-started':
        lastCampaign = { coordinator: addressOf(r.coordinator), term: r.term, t: r.t };
        break;
      case 'leader-elected':
        leaders.set(addressOf(r.coordinator), r.term);
        break;
      case 'leader-deposed':
        leaders.delete(addressOf(r.coordinator));
        break;
      case 'send': {
        if (r.call !== undefined) {
          const director = addressOf(r.from);
          const d = directors.get(director);
          if (d !== undefined) {
            d.calls.set(r.call, { type: r.msg.type, to: r.to, t: r.t, sendEvent: k, status: 'in-flight', statusEvent: -1, cause: null });
            messages.set(r.m, { director, call: r.call, request: true });
          }
        } else if (r.reply !== undefined) {
          const director = addressOf(r.to);
          const d = directors.get(director);
          if (d !== undefined) {
            messages.set(r.m, { director, call: r.reply, request: false });
            const call = d.calls.get(r.reply);
            if (call !== undefined && call.status !== 'reply-dropped') Object.assign(call, { status: 'reply-in-flight', statusEvent: k });
          }
        }
        break;
      }
      case 'deliver':
      case 'drop': {
        const m = messages.get(r.m);
        if (m === undefined || (r.type === 'deliver' && r.dup === true)) break;
        messages.delete(r.m);
        const calls = directors.get(m.director)?.calls;
        const call = calls?.get(m.call);
        if (call === undefined) break;
        if (r.type === 'deliver' && !m.request) calls?.delete(m.call);
        else if (r.type === 'deliver') Object.assign(call, { status: 'delivered', statusEvent: k });
        else Object.assign(call, { status: m.request ? 'request-dropped' : 'reply-dropped', statusEvent: k, cause: r.cause });
        break;
      }
      default:
        break;
    }
  }

  const cutOff = (a: string, b: string): Partition | undefined => {
    const na = nodeOf(a);
    const nb = nodeOf(b);
    return partitions.find((p) => (p.from.includes(na) && p.to.includes(nb)) || (!p.oneWay && p.from.includes(nb) && p.to.includes(na)));
  };

  /** What became of the process a request went to. */
  const targetState = (director: string, to: string): string => {
    const address = addressOf(to);
    const node = nodeOf(address);
    const gone = down.get(address);
    const nodeDown = nodesDown.get(node);
    if (nodeDown !== undefined) return `node ${node} has been down since ${secs(nodeDown)}`;
    if (gone !== undefined) return `${address} has been down since ${secs(gone.t)} (${gone.reason})`;
    const p = cutOff(director, address);
    if (p !== undefined) return `a partition since ${secs(p.t)} cuts ${nodeOf(director)} off from ${node}`;
    const since = paused.get(address);
    if (since !== undefined) return `${address} has been paused since ${secs(since)}`;
    return `${address} is up`;
  };

  const out: DirectorWait[] = [];
  const involved = new Set<number>();
  for (const [address, d] of directors) {
    const lane = lanes.laneOf(address);
    if (lane >= 0) involved.add(lane);
    const calls: WaitingCall[] = [...d.calls.values()].map((c) => {
      const target = targetState(address, c.to);
      const toLane = lanes.laneOf(c.to);
      if (toLane >= 0) involved.add(toLane);
      return { type: c.type, to: c.to, toLane, sentAt: c.t, sendEvent: c.sendEvent, status: c.status, statusEvent: c.statusEvent, text: `${c.type} to ${addressOf(c.to)}, sent ${secs(c.t)}: ${callProgress(c)}; ${target}` };
    });
    const pause = d.paused ? 'paused (it runs nothing); ' : '';
    let text: string;
    if (d.state === 'running') text = `${pause}running since ${secs(d.since)}, its layout ${d.published ? 'published' : 'NOT published'}: it monitors its generation and waits for a part of it to fail`;
    else if (d.state === 'stalled') text = `${pause}stalled since ${secs(d.since)} in attempt ${d.attempt} (${d.stall}): waiting for its retry timer, or for a worker or node to register`;
    else {
      const where = `${pause}in phase ${d.phase} of attempt ${d.attempt} for ${secs(at - d.since)}`;
      const dead = calls.filter((c) => c.status === 'request-dropped' || c.status === 'reply-dropped').length;
      text =
        calls.length === 0
          ? `${where}, with no request outstanding: waiting on a timer`
          : `${where}, waiting for ${calls.length} ${calls.length === 1 ? 'reply' : 'replies'}${dead > 0 ? ` (${dead} of them will never come: dropped)` : ''}`;
    }
    out.push({ pid: d.pid, lane, epoch: d.epoch, state: d.state, phase: d.phase, attempt: d.attempt, since: d.since, sinceEvent: d.sinceEvent, paused: d.paused, text, calls });
  }
  let note: string | null = null;
  if (out.length === 0) {
    const lead = [...leaders].map(([c, term]) => `${c} leads term ${term}`);
    const campaign = lastCampaign !== undefined ? `; the last campaign was ${lastCampaign.coordinator}'s, for term ${lastCampaign.term} at ${secs(lastCampaign.t)}` : '';
    note = `No director is alive: ${lead.length > 0 ? `${lead.join(', ')}, but its director is gone` : 'no coordinator leads a term'}${campaign}.`;
    for (const c of leaders.keys()) {
      const l = lanes.laneOf(c);
      if (l >= 0) involved.add(l);
    }
  }
  return { t: at, event: Math.max(0, last), directors: out, note, lanes: [...involved].sort((x, y) => x - y) };
}
