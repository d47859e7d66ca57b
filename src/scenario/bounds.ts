import type { ProtocolParams } from '../cluster/params.js';

/**
 * The valid range of every number a scenario file holds. They are chosen so that any valid file
 * makes a run of bounded length, size and pace: the longest run is four virtual hours (the bench's
 * long run, 10,000 virtual seconds, is built in code and stays within the event budget below), a
 * cluster has at most 256 nodes, and no period is shorter than 1 ms, so no timer fires in a storm.
 * Times are virtual milliseconds; the clock ticks in µs, so a positive time below 0.001 would
 * round to nothing.
 */

/** A closed range; `sign` is checked (and worded) first: a value of the wrong sign is told so alone. */
export interface Bound {
  readonly min: number;
  readonly max: number;
  /** Fractional values make no sense (counts). */
  readonly int?: boolean;
  /** `positive`: 0 is not allowed; `nonnegative`: 0 is. */
  readonly sign: 'positive' | 'nonnegative';
}

const HOUR_MS = 3_600_000;

/** The longest run: four virtual hours. Every point in time of a run lies within it. */
export const MAX_RUN_MS = 4 * HOUR_MS;
/** The smallest positive time that survives rounding to the µs clock. */
export const MIN_POSITIVE_MS = 0.001;
export const MAX_NODES = 256;
/** Coordinators talk to each other on every heartbeat: their traffic grows with the square of their number. */
export const MAX_COORDINATORS = 15;

const count = (max: number): Bound => ({ min: 1, max, int: true, sign: 'positive' });
const countFromZero = (max: number): Bound => ({ min: 0, max, int: true, sign: 'nonnegative' });

/** A point in time of the run (an action, a join, the quiet time). */
export const TIME: Bound = { min: 0, max: MAX_RUN_MS, sign: 'nonnegative' };
/** A stretch of the run that must not be empty (the run itself, a pause). */
export const SPAN: Bound = { min: MIN_POSITIVE_MS, max: MAX_RUN_MS, sign: 'positive' };
/** A network delay; 0 is a perfect network. */
export const DELAY: Bound = { min: 0, max: 60_000, sign: 'nonnegative' };
/** An extra delay that must be there (a clog). */
export const EXTRA_DELAY: Bound = { min: MIN_POSITIVE_MS, max: HOUR_MS, sign: 'positive' };
/** A timeout of one attempt (a lock, a call): a retry follows it, paced by retryIntervalMs. */
export const TIMEOUT: Bound = { min: 1, max: HOUR_MS, sign: 'positive' };
/** A period something repeats with for the whole run: below 1 ms it is a storm. */
export const PERIOD: Bound = { min: 1, max: 600_000, sign: 'positive' };

export const NODE_COUNT = count(MAX_NODES);
export const COORDINATOR_COUNT = count(MAX_COORDINATORS);
export const LOGS = count(32);
export const REPLICATION = count(32);
export const SHARDS = count(64);
export const LOG_GROUPS = count(64);
export const STORAGE_SERVERS = countFromZero(MAX_NODES);
export const PROXIES = count(32);
/** Workers one `cluster.workers` entry starts on its node. */
export const WORKERS_PER_ENTRY = count(100);
export const MAX_CRASHED = countFromZero(MAX_NODES);

export const RATE_PER_SEC: Bound = { min: 0, max: 2_000, sign: 'nonnegative' };
export const SHAPE_RATE_PER_SEC = countFromZero(2_000);
export const KEYS = count(100_000);
export const READ_KEYS = count(100);
export const SESSIONS = count(100);
export const DISK_FACTOR: Bound = { min: 1, max: 10_000, sign: 'positive' };
export const FAULT_GAP: Bound = { min: 1, max: HOUR_MS, sign: 'positive' };
export const DEMO_ORDER = countFromZero(1_000);
export const NARRATION_SKIP = countFromZero(100_000);

type NumericParam = { [K in keyof ProtocolParams]-?: ProtocolParams[K] extends number ? K : never }[keyof ProtocolParams];

/** The range of every numeric protocol parameter (seeded timeouts are drawn well inside them). */
export const PARAM_BOUNDS: Readonly<Record<NumericParam, Bound>> = {
  desiredLogs: LOGS,
  replicationFactor: REPLICATION,
  shards: SHARDS,
  logGroups: LOG_GROUPS,
  storageServers: STORAGE_SERVERS,
  desiredCommitProxies: PROXIES,
  lockTimeoutMs: TIMEOUT,
  recruitmentLockTimeoutMs: TIMEOUT,
  createWorkerTimeoutMs: TIMEOUT,
  storageUnlockTimeoutMs: TIMEOUT,
  parallelTaskTimeoutMs: TIMEOUT,
  coordinatorCallTimeoutMs: TIMEOUT,
  pushTimeoutMs: TIMEOUT,
  heartbeatMs: { min: 1, max: 60_000, sign: 'positive' },
  electionTimeoutMinMs: PERIOD,
  electionTimeoutMaxMs: PERIOD,
  retryIntervalMs: PERIOD,
  monitorPingMs: PERIOD,
  monitorPingTimeoutMs: TIMEOUT,
  emptyTransactionTimeoutMs: PERIOD,
  registerIntervalMs: PERIOD,
  workerRestartDelayMs: { min: 0, max: HOUR_MS, sign: 'nonnegative' },
  livenessBoundMs: TIMEOUT,
};

/** Sizes of lists and texts: generous for people, small enough that every check stays quick. */
export const MAX_ITEMS = {
  capabilities: 3,
  workers: 1_000,
  script: 5_000,
  /** A partition side: every node, and the client. */
  side: MAX_NODES + 1,
  processPatterns: 100,
  families: 50,
  elections: 1_000,
  reconfigure: 1_000,
  mutations: 100,
  watch: 100,
  narration: 1_000,
  whenFields: 20,
  triggers: 50,
  roles: 10,
} as const;

export const MAX_LENGTH = {
  nodeId: 64,
  name: 100,
  /** Free text for people: descriptions, conclusions. */
  text: 10_000,
  line: 1_000,
  title: 200,
  /** A process pattern, a partition id. */
  label: 100,
  schemaPath: 1_000,
} as const;

/** Whether `value` lies in `bound` (a check that relates fields uses only values that do). */
export function within(value: number | undefined, bound: Bound): value is number {
  if (value === undefined || !Number.isFinite(value) || value < bound.min || value > bound.max) return false;
  if (bound.sign === 'positive' && value <= 0) return false;
  return bound.int !== true || Number.isInteger(value);
}
