import type { Message } from '../../sim/index.js';
import type {
  Capability,
  Epoch,
  KeyRange,
  LogEntry,
  NodeId,
  Pid,
  ProcessAddress,
  RecoveryInfo,
  ServiceEntry,
  ServiceId,
  ServiceKind,
  StoredEntry,
  Tag,
  TransactionSystemLayout,
  Version,
  Write,
} from './types.js';

/** The wire vocabulary of the modelled cluster. Every message is JSON-plain. */

// ---- locking (director → log / storage) ----
export interface LockMsg extends Message {
  readonly type: 'lock';
  readonly epoch: Epoch;
  readonly director: Pid;
  /** The director's attempt that asks (a retried attempt locks everything again). */
  readonly attempt: number;
}
export interface LockOk extends Message {
  readonly type: 'lock-ok';
  readonly pid: Pid;
  readonly info: RecoveryInfo;
}
/** The refusal that ends a superseded director. */
export interface NewerEpochExists extends Message {
  readonly type: 'newer-epoch-exists';
  readonly epoch: Epoch;
}

// ---- logs ----
export interface PushMsg extends Message {
  readonly type: 'push';
  readonly epoch: Epoch;
  readonly prev: Version;
  readonly version: Version;
  readonly writes: readonly Write[];
  /** The highest version the proxy knows every log holds (FoundationDB's known committed version). */
  readonly committed: Version;
}
/** One-way, proxy → logs: every log of the generation holds versions up to `version`. */
export interface CommittedMsg extends Message {
  readonly type: 'committed';
  readonly epoch: Epoch;
  readonly version: Version;
}
/** Proxy → logs before handing out a read version: is this generation still the one in charge? */
export interface ConfirmEpochMsg extends Message {
  readonly type: 'confirm-epoch';
  readonly epoch: Epoch;
}
export interface EpochLiveMsg extends Message {
  readonly type: 'epoch-live';
}
export interface PushOk extends Message {
  readonly type: 'push-ok';
  readonly version: Version;
}
export interface PushError extends Message {
  readonly type: 'push-error';
  readonly reason: 'locked' | 'stale_epoch' | 'tx_out_of_order';
}
export interface PullMsg extends Message {
  readonly type: 'pull';
  readonly from: Version;
  readonly limit: number;
  /** Recovery pulls read a locked log; ordinary pulls need a running one. */
  readonly recovery: boolean;
  readonly last?: Version;
  /** A storage server's pull: the generation it serves (the epoch that unlocked it). */
  readonly epoch?: Epoch | null;
}
export interface PullOk extends Message {
  readonly type: 'pull-ok';
  readonly entries: readonly LogEntry[];
}
export interface PullError extends Message {
  readonly type: 'pull-error';
  readonly reason: 'not_ready' | 'not_locked' | 'version_too_old';
}
export interface RecoverFromMsg extends Message {
  readonly type: 'recover-from';
  readonly epoch: Epoch;
  readonly director: Pid;
  /** The old log to copy from, or null for a brand-new cluster. */
  readonly source: Pid | null;
  readonly first: Version;
  readonly last: Version;
  /** The tags this log carries in the new layout, each with its storage team: who must have a version before it is popped. */
  readonly teams: readonly { readonly tag: Tag; readonly storageIds: readonly ServiceId[] }[];
}
/** Storage → the logs it pulls from: it has made everything up to `version` durable (logs pop below it). */
export interface StorageDurableMsg extends Message {
  readonly type: 'storage-durable';
  readonly epoch: Epoch;
  readonly storage: ServiceId;
  readonly version: Version;
}
export interface RecoverOk extends Message {
  readonly type: 'recover-ok';
}
export interface RecoverError extends Message {
  readonly type: 'recover-error';
  readonly reason: 'lock_required' | 'source_log_unavailable' | 'source_error';
}

// ---- storage ----
/** A log of a layout and the tags it carries: where a storage server pulls each of its tags from. */
export interface LogRoute {
  readonly address: ProcessAddress;
  readonly tags: readonly Tag[];
}
/** A shard a storage server serves: its tag and key range. */
export interface ShardRange {
  readonly tag: Tag;
  readonly keyRange: KeyRange;
}
export interface UnlockStorageMsg extends Message {
  readonly type: 'unlock-storage';
  readonly epoch: Epoch;
  readonly director: Pid;
  readonly durableVersion: Version;
  readonly recoveryVersion: Version;
  /** Logs of the new layout to pull from, with their tags. */
  readonly logs: readonly LogRoute[];
  /** The shards this server serves in the new layout. */
  readonly shards: readonly ShardRange[];
  /**
   * For a server new to its teams: teammates to copy each shard's history from (tried in turn),
   * up to the durable version, before it pulls the rest from the logs (back-fill). Absent for old
   * members.
   */
  readonly backfill?: readonly { readonly tag: Tag; readonly from: readonly ProcessAddress[] }[];
}
/**
 * Storage → storage, back-fill: this server's history of `tags` up to `upTo`, or (without it) up
 * to its own durable version, which must be at least `atLeast`.
 */
export interface FetchHistoryMsg extends Message {
  readonly type: 'fetch-history';
  readonly tags: readonly Tag[];
  readonly atLeast: Version;
  readonly upTo?: Version;
}
export interface HistoryReply extends Message {
  readonly type: 'history';
  /** Versions up to `upTo`; the first may be a snapshot of the shards' state (compacted history). */
  readonly entries: readonly StoredEntry[];
  readonly upTo: Version;
}
export interface UnlockOk extends Message {
  readonly type: 'unlock-ok';
}

/** A client read of `keys` as of `version` (MVCC). */
export interface ReadMsg extends Message {
  readonly type: 'read';
  readonly version: Version;
  readonly keys: readonly string[];
}
export interface ReadValue {
  readonly key: string;
  /** null: no write to the key at or below the read version. */
  readonly value: string | null;
}
export interface ReadOk extends Message {
  readonly type: 'read-ok';
  readonly values: readonly ReadValue[];
}
export interface ReadError extends Message {
  readonly type: 'read-error';
  readonly reason: 'future_version';
}

// ---- sequencer and proxy ----
export interface GetVersionMsg extends Message {
  readonly type: 'get-version';
}
export interface VersionReply extends Message {
  readonly type: 'version';
  readonly prev: Version;
  readonly version: Version;
}
export interface UnlockProxyMsg extends Message {
  readonly type: 'unlock-proxy';
  readonly lockToken: string;
  readonly tsl: TransactionSystemLayout;
}
export interface GetReadVersionMsg extends Message {
  readonly type: 'get-read-version';
}
export interface ReadVersionReply extends Message {
  readonly type: 'read-version';
  readonly version: Version;
  readonly epoch: Epoch;
}
export interface Txn {
  readonly id: string;
  readonly writes: readonly Write[];
}
export interface CommitMsg extends Message {
  readonly type: 'commit';
  readonly txn: Txn;
  /** The director's persistence transaction (not a client commit). */
  readonly system?: boolean;
}
export interface CommitOk extends Message {
  readonly type: 'commit-ok';
  readonly version: Version;
  readonly epoch: Epoch;
}
export interface CommitError extends Message {
  readonly type: 'commit-error';
  readonly reason: string;
}

// ---- foreman ----
export interface CreateWorkerMsg extends Message {
  readonly type: 'create-worker';
  readonly id: ServiceId;
  readonly kind: ServiceKind;
}
export interface WorkerCreated extends Message {
  readonly type: 'worker-created';
  readonly id: ServiceId;
  readonly address: ProcessAddress;
  readonly pid: Pid;
}
export interface StartProxyMsg extends Message {
  readonly type: 'start-proxy';
  readonly epoch: Epoch;
  readonly director: Pid;
  readonly lockToken: string;
  readonly sequencer: Pid;
  /** Process name for the proxy, unique per director attempt. */
  readonly name: string;
}
export interface ProxyStarted extends Message {
  readonly type: 'proxy-started';
  readonly pid: Pid;
}
export interface RegisterMsg extends Message {
  readonly type: 'register';
  readonly node: NodeId;
  readonly capabilities: readonly Capability[];
  readonly services: readonly ServiceEntry[];
}

// ---- coordinators ----
export interface AcceptedValue {
  readonly epoch: Epoch;
  readonly tsl: TransactionSystemLayout;
}
export interface NodeCapabilities {
  readonly node: NodeId;
  readonly capabilities: readonly Capability[];
}
export interface PrepareMsg extends Message {
  readonly type: 'prepare';
  readonly term: Epoch;
}
export interface PromiseMsg extends Message {
  readonly type: 'promise';
  readonly term: Epoch;
  readonly accepted: AcceptedValue | null;
  /** The newest epoch this coordinator knows a majority accepted (null: none known). */
  readonly published: Epoch | null;
  /** The newest configuration it heard of. */
  readonly settings: { readonly version: number; readonly replicationFactor: number } | null;
  readonly directory: readonly ServiceEntry[];
  readonly nodes: readonly NodeCapabilities[];
}
export interface RejectMsg extends Message {
  readonly type: 'reject';
  readonly promised: Epoch;
}
export interface HeartbeatMsg extends Message {
  readonly type: 'heartbeat';
  readonly term: Epoch;
  readonly leader: number;
  /** The newest epoch the leader knows to be published (a majority accepted it). */
  readonly publishedEpoch: Epoch | null;
}
export interface HeartbeatRejectMsg extends Message {
  readonly type: 'heartbeat-reject';
  readonly promised: Epoch;
}
export interface AcceptMsg extends Message {
  readonly type: 'accept';
  readonly epoch: Epoch;
  readonly tsl: TransactionSystemLayout;
}
export interface AcceptedMsg extends Message {
  readonly type: 'accepted';
  readonly epoch: Epoch;
}
export interface PublishMsg extends Message {
  readonly type: 'publish';
  readonly epoch: Epoch;
  readonly tsl: TransactionSystemLayout;
}
export interface PublishedMsg extends Message {
  readonly type: 'published';
  readonly epoch: Epoch;
}
export interface PublishFailedMsg extends Message {
  readonly type: 'publish-failed';
  readonly reason: string;
}
export interface GetLayoutMsg extends Message {
  readonly type: 'get-layout';
}
export interface LayoutMsg extends Message {
  readonly type: 'layout';
  readonly tsl: TransactionSystemLayout | null;
}
export interface ServicesRegisteredMsg extends Message {
  readonly type: 'services-registered';
  readonly services: readonly ServiceEntry[];
}
/** Services a node no longer hosts (its foreman announced its workers without them). */
export interface ServicesGoneMsg extends Message {
  readonly type: 'services-gone';
  readonly ids: readonly ServiceId[];
}
export interface CapabilitiesUpdatedMsg extends Message {
  readonly type: 'capabilities-updated';
  readonly nodes: readonly NodeCapabilities[];
}

// ---- common ----
export interface PingMsg extends Message {
  readonly type: 'ping';
}
export interface PongMsg extends Message {
  readonly type: 'pong';
}
export interface StopMsg extends Message {
  readonly type: 'stop';
  readonly reason: string;
}
export interface ErrorMsg extends Message {
  readonly type: 'error';
  readonly reason: string;
}

/** Narrow an untyped message by its `type`. */
export function isMsg<M extends Message>(msg: Message, type: M['type']): msg is M {
  return msg.type === type;
}
