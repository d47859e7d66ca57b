import { parseTarget } from '../../../sim/index.js';
import type { AcceptedValue } from '../../cluster/messages.js';
import type { Epoch, ProcessAddress } from '../../cluster/types.js';
import { COORDINATOR } from '../../cluster/names.js';
import type { GroundTruth, Position } from '../types.js';

/** How every coordinator's address and pid begin. */
const COORDINATOR_PREFIX = `${COORDINATOR}@`;

/** A layout a coordinator accepted, as its disk recorded it. */
export interface AcceptFact {
  readonly coordinator: ProcessAddress;
  readonly value: AcceptedValue;
  readonly event: number;
  readonly time: number;
}

/** How a coordinator's disk changed since it was last read. */
export interface CoordinatorStep {
  readonly coordinator: ProcessAddress;
  /** Its promised term before and after, when it changed. */
  readonly promised: { readonly from: Epoch; readonly to: Epoch } | undefined;
  /** A newly accepted layout, when it changed. */
  readonly accepted: AcceptFact | undefined;
}

/** No change (shared: every step starts with it). */
export const NO_STEPS: readonly CoordinatorStep[] = Object.freeze([]);

/**
 * What each coordinator holds on disk: the term it promised and the layout it accepted. Read after
 * every delivery to a coordinator and every message it sends (its own timers raise its term), so
 * the checkers see every accepted layout and every change of epoch, whatever the coordinators say.
 */
export class CoordinatorStates {
  private readonly promisedBy = new Map<ProcessAddress, Epoch>();
  private readonly acceptedBy = new Map<ProcessAddress, AcceptedValue | null>();
  /** Every accept, in order. */
  readonly accepts: AcceptFact[] = [];
  /** Changes found by the latest read. */
  steps: readonly CoordinatorStep[] = [];

  private readonly known: ReadonlySet<ProcessAddress>;

  constructor(
    private readonly truth: GroundTruth,
    readonly addresses: readonly ProcessAddress[],
  ) {
    this.known = new Set(addresses);
  }

  /** Asked of every message sent and delivered: most targets are told apart by their name's first letters. */
  isCoordinator(target: string): boolean {
    return target.startsWith(COORDINATOR_PREFIX) && this.known.has(parseTarget(target).address);
  }

  /** Read the coordinator's disk; record what changed. */
  read(target: string, at: Position): void {
    this.steps = NO_STEPS;
    const { address, node } = parseTarget(target);
    const disk = this.truth.coordinator(node);
    if (disk === undefined) return;
    const promised = this.promisedBy.get(address);
    const accepted = this.acceptedBy.get(address) ?? null;
    const promiseChange = promised !== disk.promised ? { from: promised ?? 0, to: disk.promised } : undefined;
    this.promisedBy.set(address, disk.promised);
    let acceptFact: AcceptFact | undefined;
    if (disk.accepted !== accepted) {
      this.acceptedBy.set(address, disk.accepted);
      if (disk.accepted !== null) {
        acceptFact = { coordinator: address, value: disk.accepted, event: at.event, time: at.time };
        this.accepts.push(acceptFact);
      }
    }
    if (promiseChange !== undefined || acceptFact !== undefined) {
      this.steps = [{ coordinator: address, promised: promiseChange, accepted: acceptFact }];
    }
  }

  /** The layout each coordinator holds as accepted right now. */
  heldNow(): { coordinator: ProcessAddress; value: AcceptedValue }[] {
    const out: { coordinator: ProcessAddress; value: AcceptedValue }[] = [];
    for (const address of this.addresses) {
      const value = this.acceptedBy.get(address);
      if (value !== undefined && value !== null) out.push({ coordinator: address, value });
    }
    return out;
  }

  accepted(address: ProcessAddress): AcceptedValue | null {
    return this.acceptedBy.get(address) ?? null;
  }
}
