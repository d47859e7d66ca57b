import type { KernelEvent } from '../../sim/index.js';
import type { RecoveryPath } from './decisions/path.js';
import type {
  Epoch,
  NodeId,
  Pid,
  ServiceId,
  ServiceKind,
  TransactionSystemLayout,
  Version,
  VersionVector,
  Write,
} from './types.js';

/** Where a director is in its pipeline (§4). */
export type PhaseName =
  | 'locking'
  | 'path-determination'
  | 'initialization'
  | 'log-recovery-planning'
  | 'vacancy-creation'
  | 'version-determination'
  | 'log-recruitment'
  | 'storage-recruitment'
  | 'log-replay'
  | 'sequencer-startup'
  | 'proxy-startup'
  | 'layout-build'
  | 'monitoring'
  | 'persistence'
  | 'storage-unlock';

export type LockPhase = 'first' | 'recruitment';

/**
 * What the modelled cluster records in the trace. These, with the kernel's events, are all
 * that checkers and reports see of a run (plus read access to durable state).
 */
export type ClusterEvent =
  // coordinators
  | { readonly type: 'election-started'; readonly coordinator: Pid; readonly term: Epoch }
  | { readonly type: 'leader-elected'; readonly coordinator: Pid; readonly term: Epoch; readonly oldEpoch: Epoch | null }
  | { readonly type: 'leader-deposed'; readonly coordinator: Pid; readonly term: Epoch; readonly newer: Epoch | null; readonly reason: string }
  | { readonly type: 'promised'; readonly coordinator: Pid; readonly term: Epoch }
  /** The coordinator's epoch (the highest term it promised) changed. */
  | { readonly type: 'coordinator-epoch'; readonly coordinator: Pid; readonly epoch: Epoch; readonly previous: Epoch }
  | { readonly type: 'tsl-accepted'; readonly coordinator: Pid; readonly epoch: Epoch; readonly previous: Epoch | null; readonly tsl: TransactionSystemLayout }
  | { readonly type: 'tsl-refused'; readonly coordinator: Pid; readonly epoch: Epoch; readonly promised: Epoch }
  | { readonly type: 'layout-published'; readonly coordinator: Pid; readonly epoch: Epoch; readonly accepts: number }
  | { readonly type: 'publish-failed'; readonly coordinator: Pid; readonly epoch: Epoch; readonly reason: string }
  // directors
  | {
      readonly type: 'director-started';
      readonly director: Pid;
      readonly epoch: Epoch;
      readonly oldEpoch: Epoch | null;
      /** The old layout's logs and storage members: all a first phase may lock. */
      readonly oldLayoutIds: readonly ServiceId[];
      readonly coordinator: Pid;
    }
  | { readonly type: 'attempt-started'; readonly director: Pid; readonly epoch: Epoch; readonly attempt: number }
  | { readonly type: 'phase'; readonly director: Pid; readonly epoch: Epoch; readonly attempt: number; readonly phase: PhaseName }
  | { readonly type: 'path-chosen'; readonly director: Pid; readonly epoch: Epoch; readonly path: RecoveryPath; readonly why: string }
  | {
      readonly type: 'lock-requested';
      readonly director: Pid;
      readonly epoch: Epoch;
      readonly attempt: number;
      readonly phase: LockPhase;
      readonly service: ServiceId;
      readonly kind: ServiceKind;
      /** Recruitment locks name the vacancy the service fills. */
      readonly vacancy?: number;
    }
  | {
      readonly type: 'lock-result';
      readonly director: Pid;
      readonly epoch: Epoch;
      readonly phase: LockPhase;
      readonly service: ServiceId;
      readonly result: 'ok' | 'newer-epoch-exists' | 'timeout' | 'cancelled' | 'error';
    }
  | { readonly type: 'log-plan'; readonly director: Pid; readonly epoch: Epoch; readonly copyFrom: readonly ServiceId[]; readonly versionVector: VersionVector }
  | { readonly type: 'durable-version'; readonly director: Pid; readonly epoch: Epoch; readonly durableVersion: Version }
  | {
      readonly type: 'recruited';
      readonly director: Pid;
      readonly epoch: Epoch;
      readonly kind: ServiceKind;
      readonly reused: readonly ServiceId[];
      readonly created: readonly { readonly id: ServiceId; readonly node: NodeId }[];
    }
  | { readonly type: 'replay-planned'; readonly director: Pid; readonly epoch: Epoch; readonly pairs: readonly { readonly target: ServiceId; readonly source: ServiceId | null }[] }
  | { readonly type: 'stalled'; readonly director: Pid; readonly epoch: Epoch; readonly attempt: number; readonly reason: string; readonly detail: string }
  | { readonly type: 'layout-built'; readonly director: Pid; readonly epoch: Epoch; readonly tsl: TransactionSystemLayout; readonly oldTsl: TransactionSystemLayout | null }
  | { readonly type: 'director-running'; readonly director: Pid; readonly epoch: Epoch; readonly published: boolean }
  | { readonly type: 'newer-epoch-seen'; readonly director: Pid; readonly epoch: Epoch; readonly from: string; readonly newer: Epoch }
  | { readonly type: 'director-stopped'; readonly director: Pid; readonly epoch: Epoch; readonly reason: string }
  // services
  | {
      readonly type: 'lock-accepted';
      readonly service: ServiceId;
      readonly kind: ServiceKind;
      readonly pid: Pid;
      readonly epoch: Epoch;
      readonly director: Pid;
      readonly previous: Epoch | null;
    }
  | { readonly type: 'lock-refused'; readonly service: ServiceId; readonly kind: ServiceKind; readonly epoch: Epoch; readonly director: Pid; readonly current: Epoch | null }
  | {
      readonly type: 'log-push';
      readonly log: ServiceId;
      readonly callerEpoch: Epoch;
      readonly logEpoch: Epoch | null;
      readonly version: Version;
      readonly accepted: boolean;
      readonly reason?: string;
    }
  | {
      readonly type: 'log-recovered';
      readonly log: ServiceId;
      readonly callerEpoch: Epoch;
      readonly logEpoch: Epoch | null;
      readonly director: Pid;
      readonly source: Pid | null;
      readonly first: Version;
      readonly last: Version;
      readonly copied: number;
    }
  | {
      readonly type: 'storage-unlocked';
      readonly storage: ServiceId;
      readonly callerEpoch: Epoch;
      readonly storageEpoch: Epoch | null;
      readonly director: Pid;
      readonly durableVersion: Version;
      readonly recoveryVersion: Version;
      readonly truncatedTo: Version;
    }
  | { readonly type: 'service-refused'; readonly service: ServiceId; readonly request: string; readonly callerEpoch: Epoch; readonly current: Epoch | null }
  | { readonly type: 'worker-created'; readonly node: NodeId; readonly id: ServiceId; readonly kind: ServiceKind }
  // data plane
  | {
      readonly type: 'commit-acked';
      readonly proxy: Pid;
      readonly epoch: Epoch;
      readonly version: Version;
      readonly txns: readonly string[];
      readonly system: boolean;
      readonly writes: readonly Write[];
    }
  | { readonly type: 'commit-failed'; readonly proxy: Pid; readonly epoch: Epoch; readonly version: Version; readonly reason: string }
  // the client: what it was told (checkers take acknowledgements and reads from here)
  | {
      readonly type: 'client-ack';
      readonly txn: string;
      /** The epoch of the published layout whose proxy acknowledged it. */
      readonly epoch: Epoch;
      readonly version: Version;
      readonly writes: readonly Write[];
    }
  | { readonly type: 'client-read-begin'; readonly read: string }
  // the nemesis, aiming at a protocol moment
  | { readonly type: 'trigger-fired'; readonly trigger: string; readonly detail: string }
  | {
      readonly type: 'client-read';
      readonly read: string;
      readonly epoch: Epoch;
      readonly readVersion: Version;
      /** The storage servers that answered (one per team read). */
      readonly storage: readonly string[];
      readonly values: readonly { readonly key: string; readonly value: string | null }[];
    }
  | { readonly type: 'client-read-failed'; readonly read: string; readonly reason: string }
  | {
      readonly type: 'client-summary';
      readonly acked: number;
      readonly failed: number;
      readonly attempted: number;
      readonly reads: number;
      readonly readsFailed: number;
    };

export type ClusterEventType = ClusterEvent['type'];

/** Every event a run's trace can hold. */
export type RunEvent = KernelEvent | ClusterEvent;
