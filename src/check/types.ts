import type { TraceRecord, VirtualTime } from '../../sim/index.js';
import type { RunEvent } from '../cluster/events.js';
import type { LogEntry, ServiceId } from '../cluster/types.js';
import type { Directors } from './directors.js';
import type { Publications } from './publications.js';

export const INVARIANT_IDS = [
  'no-split-brain',
  'layout-only-locked',
  'no-old-layout-reuse',
  'selective-locking',
  'epoch-monotonic',
  'fencing',
  'no-acked-commit-lost',
  'recovery-completes',
] as const;

export type InvariantId = (typeof INVARIANT_IDS)[number];

export function isInvariantId(value: string): value is InvariantId {
  return (INVARIANT_IDS as readonly string[]).includes(value);
}

/** A violated invariant, with the trace events that witness it. */
export interface Violation {
  readonly invariant: InvariantId;
  /** The event at which the violation became certain. */
  readonly event: number;
  readonly time: VirtualTime;
  readonly message: string;
  /** Other events that show it (earlier locks, acks, publishes). */
  readonly witnesses: readonly number[];
}

export type Rec = TraceRecord<RunEvent>;

/** What the simulator knows that the trace alone does not: durable state of services. */
export interface GroundTruth {
  /** The entries a log holds right now, or undefined if no such log exists. */
  logEntries(id: ServiceId): readonly LogEntry[] | undefined;
  /** The versions a storage server has applied right now, or undefined if no such server exists. */
  storageApplied(id: ServiceId): readonly LogEntry[] | undefined;
}

/** Everything a checker may read besides events. */
export interface CheckContext {
  readonly coordinatorCount: number;
  readonly truth: GroundTruth;
  /** When faults stop (ms) and how long recovery may take after that (ms). */
  readonly quietAtMs: number;
  readonly livenessBoundMs: number;
  report(violation: Omit<Violation, 'invariant'>): void;
}

/** An online observer for one invariant. It watches; it never changes the run. */
export interface Checker {
  observe(record: Rec): void;
  /** The liveness checkpoint (quiet time + bound), if the run reaches it. */
  checkpoint?(time: VirtualTime): void;
}

export type CheckerFactory = (ctx: CheckContext, shared: SharedFacts) => Checker;

/** Facts several checkers need, computed once per event before the checkers see it. */
export interface SharedFacts {
  readonly publications: Publications;
  readonly directors: Directors;
}
