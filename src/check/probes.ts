import type { Facts } from './facts/index.js';
import type { Rec } from './types.js';

/**
 * Coverage probes ("sometimes" assertions): interesting situations a run reached. A sweep sums
 * them, and the suite fails if one it relies on never fires, so a fault injector that silently
 * does nothing cannot make the checks pass.
 */
export const PROBE_IDS = [
  'concurrent-directors',
  'newer-epoch-exists',
  'director-stopped-by-newer-epoch',
  'first-phase-lock-timeout',
  'stall-insufficient-nodes',
  'stall-log-quorum',
  'stall-other',
  'workers-created',
  'term-change-under-partition',
  'partition-dropped-messages',
  'commit-refused-by-locked-log',
  'recoveries-completed',
  'reads-served',
  'duplicates-delivered',
  'recruit-holds-history',
  'late-replies',
  // one per aimed trigger (src/scenario/aimed.ts): the moment it aims at came and it fired
  'aimed-crash-director-at-phase',
  'aimed-pause-director-at-phase',
  'aimed-isolate-leader-at-publish',
  'aimed-kill-layout-logs',
  'aimed-delay-new-leader-link',
  'aimed-kill-layout-workers',
  'aimed-slow-unlock-replies',
  'aimed-cut-off-recruits',
  'aimed-lose-recruit-node',
  'aimed-miss-storage-lock',
  'aimed-strand-storage-server',
] as const;

export type ProbeId = (typeof PROBE_IDS)[number];

export type ProbeCounts = Record<ProbeId, number>;

export function emptyProbes(): ProbeCounts {
  return Object.fromEntries(PROBE_IDS.map((id) => [id, 0])) as ProbeCounts;
}

export class Probes {
  readonly counts = emptyProbes();
  private partitions = 0;

  /** The record types `observe` counts (it also runs whenever a director just started). */
  static readonly TYPES: ReadonlySet<string> = new Set([
    'lock-refused',
    'director-stopped',
    'lock-result',
    'stalled',
    'worker-created',
    'leader-elected',
    'fault',
    'drop',
    'log-push',
    'director-running',
    'client-read',
    'trigger-fired',
    'deliver',
  ]);

  constructor(private readonly facts: Facts) {}

  /** Call after the facts have seen the event. */
  observe(r: Rec): void {
    const c = this.counts;
    if (this.facts.directors.justStarted !== undefined && this.facts.directors.alive().length > 1) c['concurrent-directors']++;
    switch (r.type) {
      case 'lock-refused':
        c['newer-epoch-exists']++;
        return;
      case 'director-stopped':
        if (r.reason === 'newer_epoch_exists') c['director-stopped-by-newer-epoch']++;
        return;
      case 'lock-result':
        if (r.phase === 'first' && r.result === 'timeout') c['first-phase-lock-timeout']++;
        return;
      case 'stalled':
        if (r.reason === 'recruit_holds_history') c['recruit-holds-history']++;
        if (r.reason === 'insufficient_nodes') c['stall-insufficient-nodes']++;
        else if (r.reason === 'unable_to_meet_log_quorum' || r.reason === 'insufficient_replication') c['stall-log-quorum']++;
        else c['stall-other']++;
        return;
      case 'worker-created':
        c['workers-created']++;
        return;
      case 'leader-elected':
        if (this.partitions > 0) c['term-change-under-partition']++;
        return;
      case 'fault':
        if (r.action.kind === 'partition') this.partitions++;
        if (r.action.kind === 'heal') this.partitions = 0;
        return;
      case 'drop':
        if (r.cause === 'partition') c['partition-dropped-messages']++;
        return;
      case 'log-push':
        if (!r.accepted && r.reason === 'locked') c['commit-refused-by-locked-log']++;
        return;
      case 'director-running':
        c['recoveries-completed']++;
        return;
      case 'client-read':
        c['reads-served']++;
        return;
      case 'trigger-fired': {
        const id = `aimed-${r.trigger}`;
        if (id in c) c[id as ProbeId]++;
        return;
      }
      case 'deliver':
        if (r.dup === true) c['duplicates-delivered']++;
        if (r.late === true) c['late-replies']++;
        return;
    }
  }
}
