import { KERNEL_EVENT_TYPES } from '../../sim/index.js';
import type { ClusterEventType, RunEvent } from '../cluster/events.js';

/**
 * Every event type the model records, as data: scenario files name them (demo narration), so
 * the schema needs the list at run time. The checks below fail to compile when `ClusterEvent`
 * gains or loses a type and this list is not updated.
 */
export const CLUSTER_EVENT_TYPES = [
  'election-started',
  'leader-elected',
  'leader-deposed',
  'promised',
  'coordinator-epoch',
  'tsl-accepted',
  'tsl-refused',
  'layout-published',
  'publish-failed',
  'director-started',
  'attempt-started',
  'phase',
  'path-chosen',
  'lock-requested',
  'lock-result',
  'log-plan',
  'durable-version',
  'recruited',
  'replay-planned',
  'stalled',
  'layout-built',
  'director-running',
  'newer-epoch-seen',
  'director-stopped',
  'lock-accepted',
  'lock-refused',
  'log-push',
  'log-recovered',
  'storage-unlocked',
  'service-refused',
  'worker-created',
  'commit-acked',
  'commit-failed',
  'client-ack',
  'client-read-begin',
  'client-read',
  'client-read-failed',
  'client-summary',
  'trigger-fired',
] as const satisfies readonly ClusterEventType[];

type Missing = Exclude<ClusterEventType, (typeof CLUSTER_EVENT_TYPES)[number]>;
const everyClusterEventListed: [Missing] extends [never] ? true : Missing = true;
void everyClusterEventListed;

export type RunEventType = RunEvent['type'];

export const RUN_EVENT_TYPES: readonly RunEventType[] = [...KERNEL_EVENT_TYPES, ...CLUSTER_EVENT_TYPES];
