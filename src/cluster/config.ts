import { atMostOnce, type Incoming, type ProcessContext } from '../../sim/index.js';
import type { ClusterEvent } from './events.js';
import type { MutationPoints } from './mutation-points.js';
import type { MutationId, MutationSet } from './mutations.js';
import type { ProtocolParams } from './params.js';
import type { ProcessAddress } from './types.js';

/** What every process of the modelled cluster shares: parameters, switches, where coordinators live. */
export interface ClusterConfig {
  readonly params: ProtocolParams;
  readonly mutations: MutationSet;
  /** Coordinator addresses in index order (a coordinator's index decides which terms it may take). */
  readonly coordinators: readonly ProcessAddress[];
  /** How many keys the workload uses (`k0000 …`): a new cluster cuts its user shards by them. */
  readonly keySpace: number;
  /** Where the moments each switch acts on are counted (coverage; changes nothing). */
  readonly points?: MutationPoints;
}

export type Ctx = ProcessContext<ClusterEvent>;

export function mutated(config: ClusterConfig, id: MutationId): boolean {
  return config.mutations.has(id);
}

/** The run reached the moment switch `id` would change what the protocol does. */
export function reached(config: ClusterConfig, id: MutationId): void {
  config.points?.reach(id);
}

/** A wait that never ends in practice (mutation: no timeout); far beyond any run. */
export const FOREVER_MS = 1e12;

/**
 * Install a process's message handler. Every copy of a duplicated message after the first is
 * answered from what the first did (rule 20); `non-idempotent-requests` acts on every copy.
 */
export function handleMessages(ctx: Ctx, config: ClusterConfig, handler: (incoming: Incoming) => void): void {
  ctx.handle(mutated(config, 'non-idempotent-requests') ? handler : atMostOnce(ctx, handler, undefined, () => reached(config, 'non-idempotent-requests')));
}
