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
import { TRIGGER_IDS } from './aimed.js';
import * as B from './bounds.js';
import { unknownFields } from './issues.js';
import { bounded } from './numbers.js';

/**
 * The scenario file format. It validates JSON (or YAML) into exactly the `Scenario` type; field
 * checks live here, checks that relate fields to each other (nodes that must exist, times that
 * must fit the run) in `cross-check.ts`. Objects are strict so a misspelt field is an error, not
 * a silently ignored setting. Every number has a range and every list and text a size
 * (`bounds.ts`), so a valid file always makes a run of bounded length and pace.
 */

/** A strict object whose unknown-field error names the allowed fields (and the likely one). */
function obj<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownFields(issue.keys, allowed) : undefined),
  });
}

/** A time or duration in virtual milliseconds, within `bound`. */
const ms = (what: string, bound: B.Bound) => bounded(bound).describe(`${what} (virtual milliseconds, ${bound.min} to ${bound.max})`);
const at = (what: string) => ms(what, B.TIME);
const num = (what: string, bound: B.Bound) => bounded(bound).describe(`${what} (${bound.min} to ${bound.max})`);
const rate = (what: string) => z.number().min(0).max(1).describe(`${what} (0..1)`);
// A list past its size stops the checks that relate fields, so they only ever walk short lists.
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, { abort: true });

// Text ends up on terminals (run headers, demos, explain): no control characters, or escapes
// in the file could colour or rewrite what the simulator prints.
// eslint-disable-next-line no-control-regex
const NO_CONTROLS = /^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/;
// eslint-disable-next-line no-control-regex
const ONE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/;
const text = (max: number) =>
  z.string().max(max).regex(NO_CONTROLS, { error: 'uses control characters; write plain text (line breaks and tabs are fine)' });
const label = (max: number = B.MAX_LENGTH.label) =>
  z.string().min(1).max(max).regex(ONE_LINE, { error: 'uses control characters or line breaks; write it on one line in plain text' });

const nodeId = z
  .string()
  .max(B.MAX_LENGTH.nodeId)
  .regex(/^[A-Za-z0-9_.-]+$/, { error: 'a node id uses letters, digits, "_", "-" or "." only' })
  .describe(`a node id, as in cluster.nodes[].id (at most ${B.MAX_LENGTH.nodeId} characters)`);

const nodeSpec = obj({
  id: nodeId,
  capabilities: list(z.enum(CAPABILITIES), B.MAX_ITEMS.capabilities).min(1).describe('what the node can run'),
  joinAtMs: at('when the node joins the cluster; absent = from the start').optional(),
});

const workerSpec = obj({
  node: nodeId,
  kind: z.enum(['log', 'storage']),
  count: num('how many', B.WORKERS_PER_ENTRY),
}).describe('workers that exist before the first director runs (spares a recovery may recruit)');

const P = B.PARAM_BOUNDS;
const paramsShape = {
  desiredLogs: num('logs of a new cluster, per log group', P.desiredLogs),
  replicationFactor: num('storage servers per team (R)', P.replicationFactor),
  shards: num('user shards a new cluster is cut into (tags 1..N), besides the system shard', P.shards),
  logGroups: num('tag groups the logs of a new cluster carry; desiredLogs logs per group', P.logGroups),
  storageServers: num('storage servers teams are drawn from; 0 means exactly R (every team the same)', P.storageServers),
  desiredCommitProxies: num('commit proxies of a generation', P.desiredCommitProxies),
  strictPlacement: z.boolean().describe('one new worker per node in each recruitment phase; a recruitment needing more stalls'),
  lockTimeoutMs: ms('first-phase lock timeout', P.lockTimeoutMs),
  recruitmentLockTimeoutMs: ms('lock timeout of recruited services', P.recruitmentLockTimeoutMs),
  createWorkerTimeoutMs: ms('worker creation timeout', P.createWorkerTimeoutMs),
  storageUnlockTimeoutMs: ms('storage unlock timeout', P.storageUnlockTimeoutMs),
  parallelTaskTimeoutMs: ms('replay and proxy start-up timeout', P.parallelTaskTimeoutMs),
  coordinatorCallTimeoutMs: ms('coordinator call timeout', P.coordinatorCallTimeoutMs),
  pushTimeoutMs: ms('commit push timeout', P.pushTimeoutMs),
  heartbeatMs: ms('coordinator heartbeat interval', P.heartbeatMs),
  electionTimeoutMinMs: ms('shortest election timeout', P.electionTimeoutMinMs),
  electionTimeoutMaxMs: ms('longest election timeout', P.electionTimeoutMaxMs),
  retryIntervalMs: ms('retry interval of a stalled recovery', P.retryIntervalMs),
  monitorPingMs: ms('director monitoring ping interval', P.monitorPingMs),
  monitorPingTimeoutMs: ms('director monitoring ping timeout', P.monitorPingTimeoutMs),
  emptyTransactionTimeoutMs: ms('empty transaction interval', P.emptyTransactionTimeoutMs),
  registerIntervalMs: ms('foreman registration interval', P.registerIntervalMs),
  workerRestartDelayMs: ms('delay before a foreman restarts a dead worker', P.workerRestartDelayMs),
  livenessBoundMs: ms('after faults stop, some director must publish within this', P.livenessBoundMs),
} satisfies { [K in keyof ProtocolParams]-?: z.ZodType<ProtocolParams[K]> };

const when = at('when the action happens');
const link = z.tuple([nodeId, nodeId]).describe('two nodes: the link between them');
const side = list(nodeId, B.MAX_ITEMS.side).min(1);

const processPattern = label().describe('a process name, or a prefix ending in * (the seed picks one match)');

const faultAction = z.discriminatedUnion('kind', [
  obj({
    at: when,
    kind: z.literal('crash-node'),
    node: nodeId,
    permanent: z.boolean().describe('the node never comes back: the quiet time does not restart it (a later restart-node still does)').optional(),
  }),
  obj({ at: when, kind: z.literal('restart-node'), node: nodeId }),
  obj({ at: when, kind: z.literal('kill-process'), node: nodeId, process: processPattern }),
  obj({
    at: when,
    kind: z.literal('pause-process'),
    node: nodeId,
    process: processPattern,
    durationMs: ms('how long the process stops running; what reaches it meanwhile is handled at the resume', B.SPAN),
  }),
  obj({
    at: when,
    kind: z.literal('partition'),
    from: side.describe('nodes on one side (a node may be on one side only)'),
    to: side.describe('nodes on the other side'),
    oneWay: z.boolean().describe('only from -> to is cut').optional(),
    id: label().describe('a name: heal with the same id ends this partition and leaves the others').optional(),
    only: label()
      .describe('cut only messages whose sender and receiver processes both match this name (or prefix ending in *), e.g. "coordinator"')
      .optional(),
    onlyTo: label().describe('cut only messages to processes matching this name (or prefix ending in *), e.g. "storage-*"').optional(),
  }),
  obj({ at: when, kind: z.literal('heal'), id: label().describe('heal only the partitions with this id; absent = all').optional() }),
  obj({ at: when, kind: z.literal('clog'), node: nodeId.optional(), link: link.optional(), delayMs: ms('extra delay', B.EXTRA_DELAY) }),
  obj({ at: when, kind: z.literal('unclog'), node: nodeId.optional(), link: link.optional() }),
  obj({ at: when, kind: z.literal('set-loss'), rate: rate('probability that a message is lost') }),
  obj({ at: when, kind: z.literal('reorder'), link: link.describe('the link that loses FIFO order; absent = every link').optional() }),
  obj({ at: when, kind: z.literal('unreorder'), link: link.describe('the link that keeps order again; absent = every link').optional() }),
  obj({ at: when, kind: z.literal('wipe-disk'), node: nodeId.describe('a replaced machine: down, its disk emptied; it comes back empty when restarted') }),
  obj({ at: when, kind: z.literal('slow-disk'), node: nodeId, factor: num('how many times longer every sync takes; 1 restores the disk', B.DISK_FACTOR) }),
]);

// A new FaultAction kind must be added above; this fails to compile until it is.
const everyFaultKind: Exclude<(typeof FAULT_KINDS)[number], z.infer<typeof faultAction>['kind']> extends never ? true : false = true;
void everyFaultKind;

const randomFaults = obj({
  startMs: at('no fault before this; default 2000').optional(),
  families: list(z.enum(FAULT_FAMILIES), B.MAX_ITEMS.families).min(1).describe('fault families a seed may switch on').optional(),
  nodes: list(nodeId, B.MAX_NODES).min(1).describe('nodes faults may hit; default every node').optional(),
  processPatterns: list(label(), B.MAX_ITEMS.processPatterns).describe('process names (or prefixes ending in *) kill may target').optional(),
  maxCrashedNodes: num('most nodes down at once', B.MAX_CRASHED).optional(),
  meanGapMs: ms('mean gap between faults; default drawn from 300 to 3000 per seed', B.FAULT_GAP).optional(),
}).describe('random faults drawn from the seed (swarm testing)');

const aimedFaults = z
  .union([
    z.enum(['swarm', 'all', 'off']),
    obj({
      triggers: list(obj({ id: z.enum(TRIGGER_IDS), chance: rate('chance of firing at each moment it aims at') }), B.MAX_ITEMS.triggers)
        .describe('these triggers, with these chances'),
    }),
  ], { error: (issue) => (issue.code === 'invalid_union' ? 'expected one of swarm|all|off, or {"triggers": [{"id", "chance"}, …]}' : undefined) })
  .describe('faults aimed at protocol moments (a director entering a phase, a publish, a new leader): a random subset per seed (swarm), all, off, or a list; default swarm with random faults, else off');

/** An inclusive range [min, max] of `item`; min <= max is a cross-check. */
const range = (what: string, bound: B.Bound) => z.tuple([bounded(bound), bounded(bound)]).describe(`${what}: an inclusive range [min, max], each from ${bound.min} to ${bound.max}`);

const shapeSpec = obj({
  nodes: range('node count (ids n1..nN); default [3, 12]', B.NODE_COUNT).optional(),
  coordinators: list(bounded(B.COORDINATOR_COUNT), B.MAX_COORDINATORS)
    .min(1)
    .describe('coordinator counts a seed may pick, each odd; counts above the drawn node count are left out; default [1, 3, 5]')
    .optional(),
  roles: list(z.enum(SHAPE_ROLES), B.MAX_ITEMS.roles)
    .min(1)
    .describe('shared: every node does everything; split: coordinators, then nodes alternating log and storage; default both')
    .optional(),
  desiredLogs: range('desired logs, capped at the log-capable nodes; default [1, 5]', B.LOGS).optional(),
  replicationFactor: range('replication factor, capped at the storage-capable nodes; default [1, 3]', B.REPLICATION).optional(),
  shards: range('user shards of the new cluster; default [1, 3]', B.SHARDS).optional(),
  logGroups: range('log tag groups, capped at the number of tags; default [1, 3]', B.LOG_GROUPS).optional(),
  spareStorage: range('storage servers beyond R that teams are drawn from; default [0, 2]', B.STORAGE_SERVERS).optional(),
  ratePerSec: range('workload operations per second (integer); default [5, 40]', B.SHAPE_RATE_PER_SEC).optional(),
  readShare: z.tuple([rate('min'), rate('max')]).describe('workload share of reads (rounded to 2 decimals); default [0, 0.5]: an inclusive range [min, max]').optional(),
  duplicateRate: z.tuple([rate('min'), rate('max')]).describe('network duplicate rate when duplication is on; default [0.01, 0.05]: an inclusive range [min, max]').optional(),
  duplication: rate('probability that a seed switches message duplication on; default 0.5').optional(),
  loss: rate('probability that a seed lets the random fault plan use message loss; default 0.5').optional(),
  commitProxies: range('commit proxies per generation; default [1, 3]', B.LOGS).optional(),
  strictPlacement: rate('probability that a seed places workers strictly (one new worker of a kind per node), when the drawn cluster has the nodes for it; default 0.25').optional(),
  replicationChange: rate('probability that a seed changes the replication factor once during the fault window; default 0.25').optional(),
  wan: rate('probability that a seed puts the cluster on a wide-area network (100 to 140 ms one way, the protocol\'s timeouts at their defaults); default 0.15').optional(),
}).describe('draw the cluster from each seed instead of naming it in "cluster" (swarm testing over cluster shapes)');

const narrationRule = obj({
  on: z.enum(RUN_EVENT_TYPES as [string, ...string[]]).describe('the trace event type that triggers the line'),
  when: z
    .record(
      label(),
      z.union([text(B.MAX_LENGTH.line), z.number(), z.boolean(), z.null()], {
        error: (issue) => (issue.code === 'invalid_union' ? 'expected plain text (no control characters), a number, true, false or null' : undefined),
      }),
    )
    .refine((fields) => Object.keys(fields).length <= B.MAX_ITEMS.whenFields, { error: `names at most ${B.MAX_ITEMS.whenFields} fields` })
    .describe('fields the event must have (dotted paths reach nested fields)')
    .optional(),
  say: text(B.MAX_LENGTH.text).min(1),
  skip: num('let this many matching events pass first', B.NARRATION_SKIP).optional(),
  repeat: z.boolean().describe('say it every time, not only the first').optional(),
});

const scenarioShape = {
  $schema: label(B.MAX_LENGTH.schemaPath).describe('path of this JSON Schema, for editors').optional(),
  name: z
    .string()
    .max(B.MAX_LENGTH.name)
    .regex(/^[A-Za-z0-9_.-]+$/, { error: 'a scenario name uses letters, digits, "_", "-" or "." only' })
    .describe('the scenario name (also its file name)'),
  description: text(B.MAX_LENGTH.text).optional(),
  watch: list(text(B.MAX_LENGTH.line), B.MAX_ITEMS.watch).describe('what to watch for, for people').optional(),
  cluster: obj({
    nodes: list(nodeSpec, B.MAX_NODES).min(1).describe(`the nodes (at most ${B.MAX_NODES})`),
    coordinators: list(nodeId, B.MAX_COORDINATORS)
      .min(1)
      .describe(`nodes running a coordinator (at most ${B.MAX_COORDINATORS}); default the first three coordination-capable nodes`)
      .optional(),
    workers: list(workerSpec, B.MAX_ITEMS.workers).optional(),
  })
    .describe('the nodes by name; give this or "shape"')
    .optional(),
  shape: shapeSpec.optional(),
  params: obj(paramsShape).partial().describe('protocol parameters; unset ones take their defaults').optional(),
  network: obj({
    baseLatencyMs: ms('fixed part of every cross-node delay', B.DELAY).optional(),
    jitterMs: ms('uniform extra delay per message', B.DELAY).optional(),
    lossRate: rate('probability that a message is lost').optional(),
    duplicateRate: rate('probability that a message arrives twice').optional(),
    reorderJitterMs: ms('extra uniform delay on a reordering link (reorder faults), so messages overtake each other; default 5', B.DELAY).optional(),
    ordering: z
      .enum(['random', 'pct'])
      .describe('how deliveries racing within the jitter window are ordered: independently at random (default), or by PCT priorities of their receivers with a few demotions')
      .optional(),
  }).optional(),
  workload: obj({
    ratePerSec: num('mean operations (commits and reads) per second; 0 disables the workload', B.RATE_PER_SEC),
    startMs: at('first commit'),
    stopMs: ms('last commit; default the end of the run', B.SPAN),
    keys: num('number of distinct keys', B.KEYS),
    readShare: rate('share of operations that are reads; default 0.25'),
    readKeys: num('distinct keys each read asks for; default 3', B.READ_KEYS),
    sessions: num('independent client sessions, each with its own cached layout; default 2', B.SESSIONS),
  })
    .partial()
    .optional(),
  faults: obj({
    script: list(faultAction, B.MAX_ITEMS.script).describe(`scripted fault actions (at most ${B.MAX_ITEMS.script})`).optional(),
    random: randomFaults.optional(),
    aimed: aimedFaults.optional(),
    timeouts: z
      .enum(['seeded', 'fixed'])
      .describe('the protocol\'s timeouts: drawn per seed within their valid ranges unless params sets them (seeded), or fixed; default seeded with random faults, else fixed')
      .optional(),
    quietAtMs: at('when faults stop and everything heals').optional(),
  }).optional(),
  elections: list(obj({ atMs: at('when the coordinator campaigns'), coordinator: nodeId }), B.MAX_ITEMS.elections)
    .describe('scripted elections: a coordinator campaigns for a new term')
    .optional(),
  reconfigure: list(obj({ atMs: at('when the operator changes the configuration'), replicationFactor: num('the new R', B.REPLICATION) }), B.MAX_ITEMS.reconfigure)
    .describe('configuration changes: the replication factor from then on (it takes effect through a recovery)')
    .optional(),
  mutations: list(z.enum(MUTATION_IDS), B.MAX_ITEMS.mutations).describe('deliberate protocol bugs to switch on').optional(),
  durationMs: ms('length of the run, at most 4 hours; default: until faults stop, then livenessBoundMs, then 2000 more', B.SPAN).optional(),
  expect: obj({
    verdict: z.enum(['pass', 'violation']),
    invariant: z.enum(INVARIANT_IDS).describe('with verdict violation: this invariant must be among those violated').optional(),
  }).optional(),
  demo: obj({
    order: num('position in the demo list', B.DEMO_ORDER),
    title: label(B.MAX_LENGTH.title),
    narration: list(narrationRule, B.MAX_ITEMS.narration).optional(),
    conclusion: text(B.MAX_LENGTH.text).optional(),
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
  const brokenActions = new Set<number>();
  for (const issue of ctx.issues) {
    const [faults, script, i] = issue.path ?? [];
    if (faults === 'faults' && script === 'script' && typeof i === 'number') brokenActions.add(i);
  }
  for (const problem of crossCheck(scenario, brokenActions)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: undefined });
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

// The validated value is a Scenario, and the schema names every field a Scenario has.
const validatesToScenario = (s: ScenarioFile): Scenario => s;
void validatesToScenario;
const coversScenario: Exclude<keyof Scenario, keyof ScenarioFile> extends never ? true : false = true;
void coversScenario;
