import { addressOf, processAddress } from '../../../sim/index.js';
import type { AcceptedValue, PromiseMsg } from '../../cluster/messages.js';
import { COORDINATOR } from '../../cluster/names.js';
import type { Epoch, Pid, ProcessAddress, ServiceId, TransactionSystemLayout } from '../../cluster/types.js';
import type { MessageKind, Rec } from '../types.js';
import type { CoordinatorStates } from './coordinator-states.js';
import type { DirectorFacts } from './directors.js';

/** The old layout a director was really given, and what it names. */
export interface GivenOldLayout {
  readonly tsl: TransactionSystemLayout | null;
  readonly logIds: ReadonlySet<ServiceId>;
  readonly storageIds: ReadonlySet<ServiceId>;
}

const NONE: GivenOldLayout = { tsl: null, logIds: new Set(), storageIds: new Set() };

function given(value: AcceptedValue | null): GivenOldLayout {
  if (value === null) return NONE;
  return {
    tsl: value.tsl,
    logIds: new Set(value.tsl.logs.map((l) => l.id)),
    storageIds: new Set(value.tsl.storageTeams.flatMap((t) => t.storageIds)),
  };
}

/**
 * The old layout each director was given, reconstructed from ground truth: the highest-epoch
 * layout among its coordinator's own accepted value and the promises the kernel delivered to that
 * coordinator for the director's term (the Paxos rule). Checkers judge a director against this,
 * never against the old layout the director says it has. Promises are taken from the kernel's
 * send and deliver records (a deliver record precedes the handling that may start the director).
 */
export class OldLayouts {
  /** coordinator address → term → highest accepted value among the promises delivered for it. */
  private readonly promised = new Map<ProcessAddress, Map<Epoch, AcceptedValue | null>>();
  private readonly byDirector = new Map<Pid, GivenOldLayout>();
  /** Promises in flight, by message number. */
  private readonly inFlight = new Map<number, PromiseMsg>();

  constructor(private readonly coordinators: CoordinatorStates) {}

  /** The messages whose send and deliver records `observe` learns from. */
  static reads(message: MessageKind): boolean {
    return message.type === 'promise';
  }

  observe(r: Rec): void {
    if (r.type === 'send') {
      if (r.msg.type === 'promise') this.inFlight.set(r.m, r.msg as PromiseMsg);
      return;
    }
    if (r.type !== 'deliver') return;
    const msg = this.inFlight.get(r.m);
    if (msg === undefined) return;
    this.inFlight.delete(r.m);
    if (r.late === true) return;
    const coordinator = addressOf(r.to);
    const terms = this.promised.get(coordinator) ?? new Map<Epoch, AcceptedValue | null>();
    this.promised.set(coordinator, terms);
    const best = terms.get(msg.term) ?? null;
    if (msg.accepted !== null && (best === null || msg.accepted.epoch > best.epoch)) terms.set(msg.term, msg.accepted);
    else if (!terms.has(msg.term)) terms.set(msg.term, null);
  }

  /** A director process was just spawned: fix the old layout it was given. */
  started(d: DirectorFacts): void {
    const coordinator = processAddress(d.node, COORDINATOR);
    let best = this.coordinators.accepted(coordinator);
    const fromPromises = this.promised.get(coordinator)?.get(d.epoch) ?? null;
    if (fromPromises !== null && (best === null || fromPromises.epoch > best.epoch)) best = fromPromises;
    this.byDirector.set(d.pid, given(best));
  }

  of(director: Pid): GivenOldLayout {
    return this.byDirector.get(director) ?? NONE;
  }
}
