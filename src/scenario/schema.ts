import { z } from 'zod';
import { FAULT_FAMILIES, FAULT_KINDS } from '../../sim/index.js';
import { MUTATION_IDS } from '../cluster/mutations.js';
import type { ProtocolParams } from '../cluster/params.js';
import { CAPABILITIES } from '../cluster/types.js';
import { INVARIANT_IDS } from '../check/types.js';
import { crossCheck } from './cross-check.js';
import { RUN_EVENT_TYPES } from './event-types.js';
import type { Scenario } from './types.js';
import { SHAPE_ROLES } from './shapes.js';
import { closest } from './suggest.js';
import { TRIGGER_IDS } from './aimed.js';

/**
 * The scenario file format. It validates JSON (or YAML) into exactly the `Scenario` type; field
 * checks live here, checks that relate fields to each other (nodes that must exist, times that
 * must fit the run) in `cross-check.ts`. Objects are strict so a misspelt field is an error, not
 * a silently ignored setting.
 */

/** A strict object whose unknown-field error names the allowed fields (and the likely one). */
function obj<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const keys = issue.keys.map((k) => {
        const near = closest(k, allowed);
        return near === undefined ? `"${k}"` : `"${k}" (did you mean "${near}"?)`;
      });
      return `unknown field ${keys.join(', ')}; allowed: ${allowed.join('|')}`;
    },
  });
}

const ms = (what: string) => z.number().nonnegative().describe(`${what} (virtual milliseconds)`);
const positiveMs = (what: string) => z.number().positive().describe(`${what} (virtual milliseconds)`);
const rate = (what: string) => z.number().min(0).max(1).describe(`${what} (0..1)`);
const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'a node id uses letters, digits, "_", "-" or "." only' })
  .describe('a node id, as in cluster.nodes[].id');

const nodeSpec = obj({
  id: nodeId,
  capabilities: z.array(z.enum(CAPABILITIES)).min(1).describe('what the node can run'),
  joinAtMs: ms('when the node joins the cluster; absent = from the start').optional(),
});

const workerSpec = obj({
  node: nodeId,
  kind: z.enum(['log', 'storage']),
  count: z.number().int().positive(),
}).describe('workers that exist before the first director runs (spares a recovery may recruit)');

const paramsShape = {
  desiredLogs: z.number().int().positive(),
  replicationFactor: z.number().int().positive(),
  shards: z.number().int().positive().describe('user shards a new cluster is cut into (tags 1..N), besides the system shard'),
  logGroups: z.number().int().positive().describe('tag groups the logs of a new cluster carry; desiredLogs logs per group'),
  storageServers: z.number().int().nonnegative().describe('storage servers teams are drawn from; 0 means exactly R (every team the same)'),
  desiredCommitProxies: z.number().int().positive(),
  strictPlacement: z.boolean(),
  lockTimeoutMs: positiveMs('first-phase lock timeout'),
  recruitmentLockTimeoutMs: positiveMs('lock timeout of recruited services'),
  createWorkerTimeoutMs: positiveMs('worker creation timeout'),
  storageUnlockTimeoutMs: positiveMs('storage unlock timeout'),
  parallelTaskTimeoutMs: positiveMs('replay and proxy start-up timeout'),
  coordinatorCallTimeoutMs: positiveMs('coordinator call timeout'),
  pushTimeoutMs: positiveMs('commit push timeout'),
  heartbeatMs: positiveMs('coordinator heartbeat interval'),
  electionTimeoutMinMs: positiveMs('shortest election timeout'),
  electionTimeoutMaxMs: positiveMs('longest election timeout'),
  retryIntervalMs: positiveMs('retry interval of a stalled recovery'),
  monitorPingMs: positiveMs('director monitoring ping interval'),
  monitorPingTimeoutMs: positiveMs('director monitoring ping timeout'),
  emptyTransactionTimeoutMs: positiveMs('empty transaction interval'),
  registerIntervalMs: positiveMs('foreman registration interval'),
  workerRestartDelayMs: ms('delay before a foreman restarts a dead worker'),
  livenessBoundMs: positiveMs('after faults stop, some director must publish within this'),
} satisfies { [K in keyof ProtocolParams]-?: z.ZodType<ProtocolParams[K]> };

const at = ms('when the action happens');
const link = z.tuple([nodeId, nodeId]).describe('two nodes: the link between them');

const processPattern = z.string().min(1).describe('a process name, or a prefix ending in * (the seed picks one match)');

const faultAction = z.discriminatedUnion('kind', [
  obj({
    at,
    kind: z.literal('crash-node'),
    node: nodeId,
    permanent: z.boolean().describe('the node never comes back: the quiet time does not restart it (a later restart-node still does)').optional(),
  }),
  obj({ at, kind: z.literal('restart-node'), node: nodeId }),
  obj({ at, kind: z.literal('kill-process'), node: nodeId, process: processPattern }),
  obj({
    at,
    kind: z.literal('pause-process'),
    node: nodeId,
    process: processPattern,
    durationMs: positiveMs('how long the process stops running; what reaches it meanwhile is handled at the resume'),
  }),
  obj({
    at,
    kind: z.literal('partition'),
    from: z.array(nodeId).min(1),
    to: z.array(nodeId).min(1),
    oneWay: z.boolean().describe('only from -> to is cut').optional(),
    id: z.string().min(1).describe('a name: heal with the same id ends this partition and leaves the others').optional(),
    only: z
      .string()
      .min(1)
      .describe('cut only messages whose sender and receiver processes both match this name (or prefix ending in *), e.g. "coordinator"')
      .optional(),
  }),
  obj({ at, kind: z.literal('heal'), id: z.string().min(1).describe('heal only the partitions with this id; absent = all').optional() }),
  obj({ at, kind: z.literal('clog'), node: nodeId.optional(), link: link.optional(), delayMs: positiveMs('extra delay') }),
  obj({ at, kind: z.literal('unclog'), node: nodeId.optional(), link: link.optional() }),
  obj({ at, kind: z.literal('set-loss'), rate: rate('probability that a message is lost') }),
  obj({ at, kind: z.literal('reorder'), link: link.describe('the link that loses FIFO order; absent = every link').optional() }),
  obj({ at, kind: z.literal('unreorder'), link: link.describe('the link that keeps order again; absent = every link').optional() }),
  obj({ at, kind: z.literal('wipe-disk'), node: nodeId.describe('a replaced machine: down, its disk emptied; it comes back empty when restarted') }),
  obj({ at, kind: z.literal('slow-disk'), node: nodeId, factor: z.number().min(1).describe('how many times longer every sync takes; 1 restores the disk') }),
]);

// A new FaultAction kind must be added above; this fails to compile until it is.
const everyFaultKind: Exclude<(typeof FAULT_KINDS)[number], z.infer<typeof faultAction>['kind']> extends never ? true : false = true;
void everyFaultKind;

const randomFaults = obj({
  startMs: ms('no fault before this; default 2000').optional(),
  families: z.array(z.enum(FAULT_FAMILIES)).min(1).describe('fault families a seed may switch on').optional(),
  nodes: z.array(nodeId).min(1).describe('nodes faults may hit; default every node').optional(),
  processPatterns: z.array(z.string().min(1)).describe('process names (or prefixes ending in *) kill may target').optional(),
  maxCrashedNodes: z.number().int().nonnegative().optional(),
  meanGapMs: positiveMs('mean gap between faults').optional(),
}).describe('random faults drawn from the seed (swarm testing)');

const aimedFaults = z
  .union([
    z.enum(['swarm', 'all', 'off']),
    obj({
      triggers: z
        .array(obj({ id: z.enum(TRIGGER_IDS), chance: z.number().min(0).max(1).describe('chance of firing at each moment it aims at') }))
        .describe('these triggers, with these chances'),
    }),
  ])
  .describe('faults aimed at protocol moments (a director entering a phase, a publish, a new leader): a random subset per seed (swarm), all, off, or a list; default swarm with random faults, else off');

/** An inclusive range [min, max] of `item`; min <= max is a cross-check. */
const range = (what: string, item: z.ZodNumber) => z.tuple([item, item]).describe(`${what}: an inclusive range [min, max]`);
const count = z.number().int().positive();

const shapeSpec = obj({
  nodes: range('node count (ids n1..nN); default [3, 12]', count).optional(),
  coordinators: z
    .array(count)
    .min(1)
    .describe('coordinator counts a seed may pick, each odd; counts above the drawn node count are left out; default [1, 3, 5]')
    .optional(),
  roles: z
    .array(z.enum(SHAPE_ROLES))
    .min(1)
    .describe('shared: every node does everything; split: coordinators, then nodes alternating log and storage; default both')
    .optional(),
  desiredLogs: range('desired logs, capped at the log-capable nodes; default [1, 5]', count).optional(),
  replicationFactor: range('replication factor, capped at the storage-capable nodes; default [1, 3]', count).optional(),
  shards: range('user shards of the new cluster; default [1, 3]', count).optional(),
  logGroups: range('log tag groups, capped at the number of tags; default [1, 3]', count).optional(),
  spareStorage: range('storage servers beyond R that teams are drawn from; default [0, 2]', z.number().int().nonnegative()).optional(),
  ratePerSec: range('workload operations per second (integer); default [5, 40]', z.number().int().nonnegative()).optional(),
  readShare: range('workload share of reads (rounded to 2 decimals); default [0, 0.5]', z.number().min(0).max(1)).optional(),
  duplicateRate: range('network duplicate rate when duplication is on; default [0.01, 0.05]', z.number().min(0).max(1)).optional(),
  duplication: rate('probability that a seed switches message duplication on; default 0.5').optional(),
  loss: rate('probability that a seed lets the random fault plan use message loss; default 0.5').optional(),
}).describe('draw the cluster from each seed instead of naming it in "cluster" (swarm testing over cluster shapes)');

const narrationRule = obj({
  on: z.enum(RUN_EVENT_TYPES as [string, ...string[]]).describe('the trace event type that triggers the line'),
  when: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .describe('fields the event must have (dotted paths reach nested fields)')
    .optional(),
  say: z.string().min(1),
  skip: z.number().int().nonnegative().describe('let this many matching events pass first').optional(),
  repeat: z.boolean().describe('say it every time, not only the first').optional(),
});

const scenarioShape = {
  $schema: z.string().describe('path of this JSON Schema, for editors').optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, { error: 'a scenario name uses letters, digits, "_", "-" or "." only' })
    .describe('the scenario name (also its file name)'),
  description: z.string().optional(),
  watch: z.array(z.string()).describe('what to watch for, for people').optional(),
  cluster: obj({
    nodes: z.array(nodeSpec).min(1),
    coordinators: z.array(nodeId).min(1).describe('nodes running a coordinator; default the first three coordination-capable nodes').optional(),
    workers: z.array(workerSpec).optional(),
  })
    .describe('the nodes by name; give this or "shape"')
    .optional(),
  shape: shapeSpec.optional(),
  params: obj(paramsShape).partial().describe('protocol parameters; unset ones take their defaults').optional(),
  network: obj({
    baseLatencyMs: ms('fixed part of every cross-node delay').optional(),
    jitterMs: ms('uniform extra delay per message').optional(),
    lossRate: rate('probability that a message is lost').optional(),
    duplicateRate: rate('probability that a message arrives twice').optional(),
    reorderJitterMs: ms('extra uniform delay on a reordering link (reorder faults), so messages overtake each other; default 5').optional(),
    ordering: z
      .enum(['random', 'pct'])
      .describe('how deliveries racing within the jitter window are ordered: independently at random (default), or by PCT priorities of their receivers with a few demotions')
      .optional(),
  }).optional(),
  workload: obj({
    ratePerSec: z.number().nonnegative().describe('mean operations (commits and reads) per second; 0 disables the workload'),
    startMs: ms('first commit'),
    stopMs: positiveMs('last commit; default the end of the run'),
    keys: z.number().int().positive().describe('number of distinct keys'),
    readShare: rate('share of operations that are reads; default 0.25'),
    readKeys: z.number().int().positive().describe('distinct keys each read asks for; default 3'),
    sessions: z.number().int().positive().describe('independent client sessions, each with its own cached layout; default 2'),
  })
    .partial()
    .optional(),
  faults: obj({
    script: z.array(faultAction).describe('scripted fault actions').optional(),
    random: randomFaults.optional(),
    aimed: aimedFaults.optional(),
    timeouts: z
      .enum(['seeded', 'fixed'])
      .describe('the protocol\'s timeouts: drawn per seed within their valid ranges unless params sets them (seeded), or fixed; default seeded with random faults, else fixed')
      .optional(),
    quietAtMs: ms('when faults stop and everything heals').optional(),
  }).optional(),
  elections: z
    .array(obj({ atMs: ms('when the coordinator campaigns'), coordinator: nodeId }))
    .describe('scripted elections: a coordinator campaigns for a new term')
    .optional(),
  reconfigure: z
    .array(obj({ atMs: ms('when the operator changes the configuration'), replicationFactor: z.number().int().positive() }))
    .describe('configuration changes: the replication factor from then on (it takes effect through a recovery)')
    .optional(),
  mutations: z.array(z.enum(MUTATION_IDS)).describe('deliberate protocol bugs to switch on').optional(),
  durationMs: positiveMs('length of the run').optional(),
  expect: obj({
    verdict: z.enum(['pass', 'violation']),
    invariant: z.enum(INVARIANT_IDS).describe('with verdict violation: this invariant must be among those violated').optional(),
  }).optional(),
  demo: obj({
    order: z.number().int().nonnegative().describe('position in the demo list'),
    title: z.string().min(1),
    narration: z.array(narrationRule).optional(),
    conclusion: z.string().optional(),
  })
    .describe('makes the scenario a narrated teaching demo')
    .optional(),
};

/** Field-level shape only: the JSON Schema for editors is generated from this. */
export const scenarioShapeSchema = obj(scenarioShape).meta({
  title: 'recovery-sim scenario',
  description: 'A cluster, its workload, faults and expectations: with a seed, a complete replayable experiment.',
});

/** The full validator: the shape plus the checks that relate fields to each other. */
export const scenarioSchema = scenarioShapeSchema.superRefine((scenario, ctx) => {
  for (const problem of crossCheck(scenario)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: undefined });
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

// The validated value is a Scenario, and the schema names every field a Scenario has.
const validatesToScenario = (s: ScenarioFile): Scenario => s;
void validatesToScenario;
const coversScenario: Exclude<keyof Scenario, keyof ScenarioFile> extends never ? true : false = true;
void coversScenario;
