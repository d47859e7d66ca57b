import { MUTATION_IDS, type MutationId } from './mutations.js';

/**
 * How often a run reached the moment a switch would change what the protocol does (its trigger
 * condition), counted where the reference protocol's guard acts, whether the switch is on or not.
 * A sweep that never reaches a switch's moment cannot catch that bug, whatever its checkers: these
 * counts say which moments the random scenarios never produce. Counting changes nothing in the run.
 */
export class MutationPoints {
  private readonly counts = new Map<MutationId, number>();

  reach(id: MutationId): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  count(id: MutationId): number {
    return this.counts.get(id) ?? 0;
  }
}

/**
 * The switches whose trigger condition is counted: all but the one that only disguises a bug
 * (`mislabel-director-events` changes what the director reports, never what it does).
 */
export const COUNTED_POINTS = MUTATION_IDS.filter((id): id is Exclude<MutationId, 'mislabel-director-events'> => id !== 'mislabel-director-events');
