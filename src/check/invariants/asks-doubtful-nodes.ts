/**
 * asks-doubtful-nodes (L2, F18): a director asks a node's foreman whether it is up (a ping) before
 * it hands that node a worker, whenever the node gave it cause to doubt:
 * - the director's last request to that foreman (a worker creation) was never answered;
 * - or the foreman had stopped announcing itself to the coordinator that started the director,
 *   while that coordinator runs (no `register` delivered to it for longer than the silence limit,
 *   and one announcement interval more), and the director has asked nothing of it since.
 * A worker creation on a dead node costs the recovery its whole creation timeout, attempt after
 * attempt. Judged from the messages the kernel sent and delivered, never from the director's own
 * view of which nodes it suspects. Proven able to fail by `retry-freshly-failed-nodes`,
 * `place-on-suspects-unasked` and `trust-silent-nodes`.
 */
import { ms, nameOf, nodeOf, type VirtualTime } from '../../../sim/index.js';
import { COORDINATOR, FOREMAN, isDirectorName } from '../../cluster/names.js';
import { silenceLimitMs } from '../../cluster/params.js';
import type { NodeId, Pid } from '../../cluster/types.js';
import type { CheckerFactory } from '../types.js';

/** What one director has had to do with one node, as the kernel carried it. */
interface NodeContact {
  /** Its newest worker request to the node's foreman, and whether the answer reached it in time. */
  create: { readonly time: VirtualTime; readonly event: number; answered: boolean } | undefined;
  /** When it last asked the foreman whether the node is up (-1: never). */
  askedAt: VirtualTime;
  /** When an answer from any process on the node last reached it in time (-1: never). */
  heardAt: VirtualTime;
}

export const asksDoubtfulNodes: CheckerFactory = (ctx, facts) => {
  const contacts = new Map<Pid, Map<NodeId, NodeContact>>();
  /** Worker requests waiting for their answer, by call id; then answers on their way, by message number. */
  const awaiting = new Map<number, NonNullable<NodeContact['create']>>();
  const answers = new Map<number, { readonly contact: NodeContact; readonly create: NodeContact['create'] }>();
  /** Each coordinator process: when it started, and when each node's announcement last reached it. */
  const coordinators = new Map<Pid, { readonly since: VirtualTime; readonly heard: Map<NodeId, VirtualTime> }>();
  /** Announcements on their way: message number → the node announcing itself. */
  const announcements = new Map<number, NodeId>();
  const reported = new Set<string>();
  const limit = ms(silenceLimitMs(ctx.settings) + ctx.settings.registerIntervalMs);

  const contactOf = (director: Pid, node: NodeId): NodeContact => {
    let byNode = contacts.get(director);
    if (byNode === undefined) contacts.set(director, (byNode = new Map()));
    let c = byNode.get(node);
    if (c === undefined) byNode.set(node, (c = { create: undefined, askedAt: -1, heardAt: -1 }));
    return c;
  };

  /** Since when `node` has been silent to the coordinator that started `director` (undefined: it is not, or nothing tells). */
  const silentSince = (director: Pid, node: NodeId, now: VirtualTime): VirtualTime | undefined => {
    const coordinator = facts.directors.get(director)?.startedBy;
    // A stopped coordinator hears no one: its table is no evidence (the director reads it only while it runs).
    if (coordinator === undefined || !ctx.alive(coordinator)) return undefined;
    const c = coordinators.get(coordinator);
    if (c === undefined) return undefined;
    const heard = c.heard.get(node) ?? c.since;
    return now - heard > limit ? heard : undefined;
  };

  const judge = (director: Pid, node: NodeId, event: number, now: VirtualTime): void => {
    const c = contactOf(director, node);
    const since = (t: VirtualTime): boolean => c.askedAt <= t && c.heardAt <= t;
    let why: string | undefined;
    const witnesses: number[] = [];
    if (c.create !== undefined && !c.create.answered && c.create.time < now && since(c.create.time)) {
      why = `its worker request at ${Math.round(c.create.time / 1000)} ms went unanswered, and nothing was heard from the node since`;
      witnesses.push(c.create.event);
    } else {
      const silent = silentSince(director, node, now);
      if (silent !== undefined && since(silent)) why = `its foreman had not announced itself to the director's coordinator since ${Math.round(silent / 1000)} ms`;
    }
    const key = `${director} ${node}`;
    if (why === undefined || reported.has(key)) return;
    reported.add(key);
    ctx.report({ event, time: now, message: `${director} asked ${node} for a worker without asking whether it is up: ${why}`, witnesses });
  };

  return {
    observes: ['spawn', 'send', 'deliver'],
    // Announcements to coordinators, a director's questions to foremen, and every answer to a director.
    reads: (m) =>
      (m.type === 'register' && m.to === COORDINATOR) ||
      ((m.type === 'create-worker' || m.type === 'ping') && m.to === FOREMAN && isDirectorName(m.from)) ||
      isDirectorName(m.to),
    observe(r) {
      switch (r.type) {
        case 'spawn': {
          if (nameOf(r.pid) === COORDINATOR) coordinators.set(r.pid, { since: r.t, heard: new Map() });
          return;
        }
        case 'send': {
          const type = r.msg.type;
          if (type === 'register') {
            if (nameOf(r.to) === COORDINATOR) announcements.set(r.m, r.msg['node'] as NodeId);
            return;
          }
          if (r.reply !== undefined) {
            if (facts.directors.get(r.to) === undefined) return;
            const create = awaiting.get(r.reply);
            if (create !== undefined) awaiting.delete(r.reply);
            answers.set(r.m, { contact: contactOf(r.to, nodeOf(r.from)), create });
            return;
          }
          if ((type !== 'create-worker' && type !== 'ping') || r.call === undefined || nameOf(r.to) !== FOREMAN) return;
          if (facts.directors.get(r.from) === undefined) return;
          const node = nodeOf(r.to);
          if (type === 'ping') {
            contactOf(r.from, node).askedAt = r.t;
            return;
          }
          judge(r.from, node, r.i, r.t);
          const create = { time: r.t, event: r.i, answered: false };
          contactOf(r.from, node).create = create;
          awaiting.set(r.call, create);
          return;
        }
        case 'deliver': {
          const answer = answers.get(r.m);
          if (answer !== undefined) {
            answers.delete(r.m);
            // An answer that came after the call ended is one the director never saw.
            if (r.late === true) return;
            answer.contact.heardAt = r.t;
            if (answer.create !== undefined) answer.create.answered = true;
            return;
          }
          const node = announcements.get(r.m);
          if (node !== undefined) coordinators.get(r.to)?.heard.set(node, r.t);
          return;
        }
      }
    },
  };
};
