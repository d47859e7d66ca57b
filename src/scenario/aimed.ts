import { Rng } from '../../sim/index.js';
import { DEFAULT_PARAMS, type ProtocolParams } from '../cluster/params.js';

/**
 * Faults aimed at protocol moments (BUGGIFY-style): each trigger watches what the cluster does and,
 * with a chance drawn from the seed, injects a fault at that moment. Faults drawn independently of
 * the protocol rarely land in the few milliseconds a bug needs; these land there by construction.
 */
export const TRIGGER_IDS = [
  /** A director enters a phase: its node crashes (and restarts after a short outage). */
  'crash-director-at-phase',
  /** A director enters a phase: it freezes, then resumes with its stale view and old timers. */
  'pause-director-at-phase',
  /** A director starts persisting its layout: its leader is cut off from the other coordinators. */
  'isolate-leader-at-publish',
  /** A layout is published: every log of it is killed at once, or their nodes crash together with the director's. */
  'kill-layout-logs',
  /** A new leader is elected: the link between it and the previous leader is clogged. */
  'delay-new-leader-link',
  /** A layout is published: every log and storage worker of it is killed at once (the foremen restart them). */
  'kill-layout-workers',
  /** A director starts unlocking storage: what one server sends it is lost for longer than the unlock timeout. */
  'slow-unlock-replies',
  /** A director starts recruiting logs: no log-capable node reaches it until its worker creations time out. */
  'cut-off-recruits',
  /**
   * A director starts recruiting logs: the log-capable nodes are cut off from it for one to three
   * worker-creation timeouts, and one of them dies for good meanwhile.
   */
  'lose-recruit-node',
  /**
   * A director starts its first-phase locks: nothing from it reaches one storage server of the
   * published layout until the lock has timed out, so the server never learns of the new epoch.
   */
  'miss-storage-lock',
  /**
   * A chain aimed at a storage server left behind. A director starts its first-phase locks:
   * nothing from it reaches one storage server of the published layout until the lock has timed
   * out. If its layout is then published without that server, the layout's logs are killed at
   * once, and the next director whose layout reuses logs the stranded server still pulls from
   * is cut off from the other coordinators until its publish has timed out: those logs hold
   * the history of a recovery that never publishes.
   */
  'strand-storage-server',
] as const;

export type TriggerId = (typeof TRIGGER_IDS)[number];

/** Which triggers a scenario's random plan may use: a swarm subset per seed, all of them, or none. */
export type AimedMode = 'swarm' | 'all' | 'off';

/** The triggers a seed enabled, each with its chance of firing at an opportunity. */
export interface AimedConfig {
  readonly triggers: readonly { readonly id: TriggerId; readonly chance: number }[];
}

/** At most this many firings of one trigger in a run: enough to hit a moment, not to drown it. */
export const MAX_FIRINGS_PER_TRIGGER = 4;

/** Swarm testing over triggers: each seed switches on a random subset, each with its own chance. */
export function drawAimed(rng: Rng, mode: AimedMode): AimedConfig | undefined {
  if (mode === 'off') return undefined;
  let ids = TRIGGER_IDS.filter((id) => mode === 'all' || rng.fork(`on/${id}`).chance(0.5));
  if (ids.length === 0) ids = [rng.pick(TRIGGER_IDS)];
  // 0.05..0.5, drawn on each trigger's own stream so adding a trigger never moves another's chance.
  return { triggers: ids.map((id) => ({ id, chance: rng.fork(`chance/${id}`).intInclusive(1, 10) / 20 })) };
}

/** Whether the protocol's timeouts are the scenario's (fixed) or drawn per seed within their valid ranges. */
export type TimeoutMode = 'seeded' | 'fixed';

type TimeoutParam =
  | 'lockTimeoutMs'
  | 'recruitmentLockTimeoutMs'
  | 'createWorkerTimeoutMs'
  | 'storageUnlockTimeoutMs'
  | 'parallelTaskTimeoutMs'
  | 'coordinatorCallTimeoutMs'
  | 'pushTimeoutMs'
  | 'retryIntervalMs'
  | 'monitorPingMs'
  | 'registerIntervalMs'
  | 'workerRestartDelayMs'
  | 'heartbeatMs';

/**
 * The range each timeout is drawn from: every value in it keeps the protocol live once faults stop
 * (each is many network round trips and disk syncs long), and none is above the bound liveness is
 * judged with. Short values make rare interleavings common (a lock timing out mid-reply, a retry
 * overtaking the attempt it replaces).
 */
export const TIMEOUT_RANGES: Readonly<Record<TimeoutParam, readonly [number, number]>> = {
  lockTimeoutMs: [100, 4000],
  recruitmentLockTimeoutMs: [100, 4000],
  createWorkerTimeoutMs: [200, 10_000],
  storageUnlockTimeoutMs: [100, 5000],
  parallelTaskTimeoutMs: [200, 5000],
  coordinatorCallTimeoutMs: [100, 5000],
  pushTimeoutMs: [100, 5000],
  retryIntervalMs: [50, 1000],
  monitorPingMs: [50, 500],
  registerIntervalMs: [200, 2000],
  workerRestartDelayMs: [50, 2000],
  heartbeatMs: [20, 200],
};

/** Uniform on a log scale: as many short values as long ones. */
function logUniform(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return Math.round(lo * Math.exp(rng.next() * Math.log(hi / lo)));
}

/**
 * The seed's timeouts: each not set by the scenario is drawn (with chance one half; otherwise it
 * keeps its default) from its range. Timeouts tied to another keep their ratio to it: election
 * timeouts follow the heartbeat, the monitor's ping timeout follows its ping interval.
 */
export function drawTimeouts(rng: Rng, explicit: Partial<ProtocolParams>): Partial<ProtocolParams> {
  const out: Partial<Record<keyof ProtocolParams, number>> = {};
  for (const [param, range] of Object.entries(TIMEOUT_RANGES) as [TimeoutParam, readonly [number, number]][]) {
    const own = rng.fork(param);
    if (explicit[param] !== undefined || !own.chance(0.5)) continue;
    // A timeout the scenario pinned stays in proportion to what depends on it.
    if (param === 'heartbeatMs' && (explicit.electionTimeoutMinMs !== undefined || explicit.electionTimeoutMaxMs !== undefined)) continue;
    if (param === 'monitorPingMs' && explicit.monitorPingTimeoutMs !== undefined) continue;
    out[param] = logUniform(own, range);
  }
  const heartbeat = out.heartbeatMs;
  if (heartbeat !== undefined && explicit.electionTimeoutMinMs === undefined && explicit.electionTimeoutMaxMs === undefined) {
    const scale = heartbeat / DEFAULT_PARAMS.heartbeatMs;
    out.electionTimeoutMinMs = Math.round(DEFAULT_PARAMS.electionTimeoutMinMs * scale);
    out.electionTimeoutMaxMs = Math.round(DEFAULT_PARAMS.electionTimeoutMaxMs * scale);
  }
  const ping = out.monitorPingMs;
  if (ping !== undefined && explicit.monitorPingTimeoutMs === undefined) {
    out.monitorPingTimeoutMs = Math.round((DEFAULT_PARAMS.monitorPingTimeoutMs * ping) / DEFAULT_PARAMS.monitorPingMs);
  }
  return out as Partial<ProtocolParams>;
}
