/**
 * Protocol parameters (recovery-model.md §8). Times are virtual milliseconds.
 * Defaults follow Bedrock's where the simulator keeps them.
 */
export interface ProtocolParams {
  /** New cluster: number of logs. Data path: logs per distinct tag-set group. */
  readonly desiredLogs: number;
  /** R: storage servers per team. */
  readonly replicationFactor: number;
  /** User shards (tags 1..N) a new cluster is cut into, besides the system shard (tag 0). */
  readonly shards: number;
  /** Tag groups a new cluster deals its tags into; each group has its own `desiredLogs` logs. */
  readonly logGroups: number;
  /** Storage servers a new cluster draws its teams from (0: exactly R, so every team has the same R). */
  readonly storageServers: number;
  readonly desiredCommitProxies: number;
  /** Only place one new worker per node per phase (`need <= |capable nodes|`); off = round-robin wraps. */
  readonly strictPlacement: boolean;

  /** First-phase lock of old-layout services, per service, in parallel. */
  readonly lockTimeoutMs: number;
  /** Lock of recruited services (Bedrock: none). */
  readonly recruitmentLockTimeoutMs: number;
  readonly createWorkerTimeoutMs: number;
  readonly storageUnlockTimeoutMs: number;
  /** Replay and proxy start/unlock: the director exits when one of these expires. */
  readonly parallelTaskTimeoutMs: number;
  readonly coordinatorCallTimeoutMs: number;
  /** Proxy waits this long for every log to acknowledge a push. */
  readonly pushTimeoutMs: number;

  readonly heartbeatMs: number;
  readonly electionTimeoutMinMs: number;
  readonly electionTimeoutMaxMs: number;
  /** A stalled attempt is retried after this (plus seeded jitter of up to half of it). */
  readonly retryIntervalMs: number;
  /** Running director pings its logs, sequencer and proxies this often... */
  readonly monitorPingMs: number;
  /** ...and exits when one does not answer within this. */
  readonly monitorPingTimeoutMs: number;
  readonly emptyTransactionTimeoutMs: number;
  /** Foremen re-announce their node and workers this often. */
  readonly registerIntervalMs: number;
  /** A foreman restarts a worker that died this long after. */
  readonly workerRestartDelayMs: number;
  /** After faults stop, some director must publish within this. */
  readonly livenessBoundMs: number;
}

export const DEFAULT_PARAMS: ProtocolParams = {
  desiredLogs: 3,
  replicationFactor: 3,
  shards: 1,
  logGroups: 1,
  storageServers: 0,
  desiredCommitProxies: 1,
  strictPlacement: false,
  lockTimeoutMs: 2000,
  recruitmentLockTimeoutMs: 2000,
  createWorkerTimeoutMs: 10_000,
  storageUnlockTimeoutMs: 5000,
  parallelTaskTimeoutMs: 5000,
  coordinatorCallTimeoutMs: 5000,
  pushTimeoutMs: 5000,
  heartbeatMs: 100,
  electionTimeoutMinMs: 250,
  electionTimeoutMaxMs: 350,
  retryIntervalMs: 500,
  monitorPingMs: 250,
  monitorPingTimeoutMs: 1000,
  emptyTransactionTimeoutMs: 1000,
  registerIntervalMs: 1000,
  workerRestartDelayMs: 500,
  livenessBoundMs: 20_000,
};

/** After how many missed announcements a node counts as silent to a coordinator. */
const SILENT_INTERVALS = 5;

/** How long a node's foreman may go unheard before its coordinator counts it as silent (ms). */
export function silenceLimitMs(params: Pick<ProtocolParams, 'registerIntervalMs'>): number {
  return SILENT_INTERVALS * params.registerIntervalMs;
}
