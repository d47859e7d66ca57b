import { addressOf, incarnationOf, nameOf, nodeOf } from '../../../../sim/index.js';
import type { Rec } from './records.js';

/** What a process does, read from its name; decides the lane's place within its node. */
export type Role = 'coordinator' | 'director' | 'log' | 'storage' | 'sequencer' | 'proxy' | 'foreman' | 'client' | 'other';

export const ROLE_ORDER: readonly Role[] = ['coordinator', 'director', 'log', 'storage', 'sequencer', 'proxy', 'foreman', 'client', 'other'];

/** One run of a process on its lane: from its spawn to its process-down (or the end of the trace). */
export interface Incarnation {
  readonly pid: string;
  readonly incarnation: number;
  readonly start: number;
  readonly startEvent: number;
  end: number | null;
  endEvent: number | null;
  endReason: string | null;
}

/** A lane is one process address (`name@node`); all its incarnations share it. */
export interface Lane {
  readonly index: number;
  readonly address: string;
  readonly name: string;
  readonly node: string;
  readonly role: Role;
  readonly incarnations: readonly Incarnation[];
}

export interface NodeGroup {
  readonly id: string;
  /** Lane indices, in display order. */
  readonly lanes: readonly number[];
}

export interface LaneSet {
  readonly lanes: readonly Lane[];
  readonly nodes: readonly NodeGroup[];
  /** The lane of a pid or address, or -1. */
  laneOf(target: string): number;
  /** The lane of a log or storage service id, or -1. */
  serviceLane(id: string): number;
}

export function roleOf(name: string): Role {
  const head = name.split('-', 1)[0] ?? name;
  return (ROLE_ORDER as readonly string[]).includes(head) ? (head as Role) : 'other';
}

/** The service id carried in a worker's name (`log-abc12345` → `abc12345`), or null. */
export function serviceIdOf(name: string): string | null {
  const role = roleOf(name);
  return role === 'log' || role === 'storage' ? name.slice(role.length + 1) : null;
}

/**
 * Lanes from the pids and addresses the trace mentions, grouped by node (nodes in order of first
 * appearance), and within a node by role, then by first appearance.
 */
export function buildLanes(records: readonly Rec[]): LaneSet {
  const nodeOrder: string[] = [];
  const seenNode = new Set<string>();
  const noteNode = (node: string): void => {
    if (!seenNode.has(node)) {
      seenNode.add(node);
      nodeOrder.push(node);
    }
  };
  interface Draft {
    address: string;
    first: number;
    incarnations: Incarnation[];
  }
  const drafts = new Map<string, Draft>();
  const note = (target: string, first: number): Draft => {
    const address = addressOf(target);
    let draft = drafts.get(address);
    if (draft === undefined) {
      noteNode(nodeOf(address));
      draft = { address, first, incarnations: [] };
      drafts.set(address, draft);
    }
    return draft;
  };
  const open = new Map<string, Incarnation>();

  for (const r of records) {
    switch (r.type) {
      case 'node-up':
      case 'node-down':
        noteNode(r.node);
        break;
      case 'spawn': {
        const draft = note(r.pid, r.i);
        const inc: Incarnation = { pid: r.pid, incarnation: incarnationOf(r.pid), start: r.t, startEvent: r.i, end: null, endEvent: null, endReason: null };
        draft.incarnations.push(inc);
        open.set(r.pid, inc);
        break;
      }
      case 'process-down': {
        note(r.pid, r.i);
        const inc = open.get(r.pid);
        if (inc !== undefined) {
          inc.end = r.t;
          inc.endEvent = r.i;
          inc.endReason = r.reason;
          open.delete(r.pid);
        }
        break;
      }
      case 'send':
        note(r.from, r.i);
        note(r.to, r.i);
        break;
      case 'deliver':
        note(r.to, r.i);
        break;
    }
  }

  const rank = (d: Draft): number => ROLE_ORDER.indexOf(roleOf(nameOf(d.address)));
  const nodeRank = new Map(nodeOrder.map((n, k) => [n, k]));
  const sorted = [...drafts.values()].sort(
    (a, b) =>
      (nodeRank.get(nodeOf(a.address)) ?? 0) - (nodeRank.get(nodeOf(b.address)) ?? 0) || rank(a) - rank(b) || a.first - b.first,
  );
  const lanes: Lane[] = sorted.map((d, index) => ({
    index,
    address: d.address,
    name: nameOf(d.address),
    node: nodeOf(d.address),
    role: roleOf(nameOf(d.address)),
    incarnations: d.incarnations,
  }));
  const byAddress = new Map(lanes.map((l) => [l.address, l.index]));
  const byService = new Map<string, number>();
  for (const lane of lanes) {
    const id = serviceIdOf(lane.name);
    if (id !== null && !byService.has(id)) byService.set(id, lane.index);
  }
  const nodes: NodeGroup[] = nodeOrder.map((id) => ({ id, lanes: lanes.filter((l) => l.node === id).map((l) => l.index) }));
  return {
    lanes,
    nodes,
    laneOf: (target) => byAddress.get(addressOf(target)) ?? -1,
    serviceLane: (id) => byService.get(id) ?? -1,
  };
}

/** The lane an event belongs on (-1 for node- or network-wide events). Message events are placed by their arrow. */
export function eventLane(r: Rec, set: LaneSet): number {
  switch (r.type) {
    case 'spawn':
    case 'process-down':
    case 'pause':
    case 'resume':
      return set.laneOf(r.pid);
    case 'send':
      return set.laneOf(r.from);
    case 'deliver':
      return set.laneOf(r.to);
    case 'drop':
    case 'node-up':
    case 'node-down':
    case 'torn':
    case 'fault':
    case 'trigger-fired':
      return -1;
    case 'lock-accepted':
      return set.laneOf(r.pid);
    case 'lock-refused':
    case 'service-refused':
      return set.serviceLane(r.service);
    case 'log-push':
    case 'log-recovered':
      return set.serviceLane(r.log);
    case 'storage-unlocked':
      return set.serviceLane(r.storage);
    case 'worker-created':
      return set.laneOf(`foreman@${r.node}`);
    case 'commit-acked':
    case 'commit-failed':
      return set.laneOf(r.proxy);
    case 'client-summary':
    case 'client-ack':
    case 'client-read-begin':
    case 'client-read':
    case 'client-read-failed':
      return set.lanes.find((l) => l.role === 'client')?.index ?? -1;
    default:
      if ('director' in r) return set.laneOf(r.director);
      if ('coordinator' in r) return set.laneOf(r.coordinator);
      return -1;
  }
}
