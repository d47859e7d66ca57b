/**
 * Mutation switches: deliberate protocol bugs from recovery-model.md §7. All are off by
 * default (the REF protocol). Each names the invariant that must catch it.
 */
export interface MutationInfo {
  readonly id: MutationId;
  /** The pitfall in recovery-model.md §7 (or the project's own id). */
  readonly source: string;
  readonly summary: string;
  /** The invariant(s) expected to report it. */
  readonly caughtBy: readonly string[];
  /** A scenario (in scenarios/) where it shows, and within how many seeds (1, 2, …) it must be caught. */
  /** The scenario that shows it, caught within `seeds` seeds from `firstSeed` (default 1). */
  readonly shownIn: { readonly scenario: string; readonly seeds: number; readonly firstSeed?: number };
  /**
   * Other switches turned on with it when it is shown. A switch that only disguises a bug (the
   * director's events lie) is shown together with the bug it disguises, which must still be caught.
   */
  readonly alongWith?: readonly MutationId[];
  /**
   * The switch does not change what the protocol does, only what the director reports about it;
   * it is shown with the bug it disguises, which must still be caught.
   */
  readonly disguise?: true;
}

export const MUTATION_IDS = [
  'lock-all-available',
  'ignore-newer-epoch',
  'new-cluster-if-nothing-locked',
  'start-before-promise',
  'majority-log-ack',
  'no-fencing',
  'unchecked-recover-from',
  'reuse-epoch-on-restart',
  'keep-running-after-fatal',
  'ignore-publish-failure',
  'accept-stale-layout',
  'recruit-old-layout',
  'accept-stale-lock',
  'no-recruitment-lock-timeout',
  'skip-new-log-replay',
  'truncate-at-durable-version',
  'non-idempotent-requests',
  'repeat-storage-unlock',
  'unlock-storage-before-publish',
  'apply-uncommitted',
  'reuse-logs-of-accepted-layout',
  'unconfirmed-read-version',
  'local-read-version',
  'skip-recruitment-lock',
  'vacancy-numbering-overlaps',
  'roster-replaces-team',
  'replay-ignores-tags',
  'skip-backfill',
  'two-tag-log-validator',
  'quorum-from-replication-factor',
  'keep-unreachable-members',
  'ack-before-sync',
  'keep-dead-spares',
  'keep-old-components',
  'keep-stalled-attempt-proxies',
  'stale-election-timer',
  'distrust-answering-nodes',
  'empty-layout-for-null',
  'relock-old-members',
  'fresh-init-on-dead-components',
  'short-lock-timeout',
  'stall-on-persistence-failure',
  'strict-placement-across-kinds',
  'register-proxies-after-all-start',
  'retry-freshly-failed-nodes',
  'place-on-suspects-unasked',
  'trust-silent-nodes',
  'serve-other-generation-pulls',
  'trust-member-history',
  'carry-over-attempt-state',
  'mislabel-director-events',
] as const;

export type MutationId = (typeof MUTATION_IDS)[number];

export const MUTATIONS: Readonly<Record<MutationId, MutationInfo>> = {
  'lock-all-available': {
    id: 'lock-all-available',
    source: 'F1',
    summary: 'First phase locks every service in the directory, not only the old layout\'s.',
    caughtBy: ['selective-locking'],
    shownIn: { scenario: 'bug-lock-all-available', seeds: 3 },
  },
  'ignore-newer-epoch': {
    id: 'ignore-newer-epoch',
    source: 'F2',
    summary: 'A newer_epoch_exists reply is treated as a stall and the director keeps retrying.',
    caughtBy: ['no-split-brain'],
    shownIn: { scenario: 'director-race', seeds: 3 },
  },
  'new-cluster-if-nothing-locked': {
    id: 'new-cluster-if-nothing-locked',
    source: 'F4',
    summary: 'When no old service could be locked, the director re-initialises the cluster as new.',
    caughtBy: ['acts-on-promised-layout', 'no-acked-commit-lost'],
    shownIn: { scenario: 'workers-all-killed', seeds: 3 },
  },
  'start-before-promise': {
    id: 'start-before-promise',
    source: 'F7',
    summary: 'A new leader starts its director from its own (maybe stale) layout before the promise round completes.',
    caughtBy: ['acts-on-promised-layout', 'no-acked-commit-lost'],
    shownIn: { scenario: 'missed-accept', seeds: 3 },
  },
  'majority-log-ack': {
    id: 'majority-log-ack',
    source: 'F8',
    summary: 'The proxy acknowledges a commit once a majority of logs (not all) acknowledged the push.',
    caughtBy: ['no-acked-commit-lost'],
    shownIn: { scenario: 'lagging-log', seeds: 3 },
  },
  'no-fencing': {
    id: 'no-fencing',
    source: 'F9',
    summary: 'A locked log still accepts pushes, so an old generation can commit after a newer one locked it.',
    caughtBy: ['fencing', 'no-acked-commit-lost', 'no-split-brain'],
    shownIn: { scenario: 'random-faults', seeds: 10 },
  },
  'unchecked-recover-from': {
    id: 'unchecked-recover-from',
    source: 'F10',
    summary: 'recoverFrom and unlockAfterRecovery do not check the caller\'s epoch.',
    caughtBy: ['fencing'],
    shownIn: { scenario: 'stale-unlock', seeds: 3 },
    // REF unlocks storage only after publishing, which the older director here never does.
    alongWith: ['unlock-storage-before-publish'],
  },
  'reuse-epoch-on-restart': {
    id: 'reuse-epoch-on-restart',
    source: 'F11',
    summary: 'A leader restarts a failed director with the same epoch, and equal-epoch locks from another director are accepted.',
    caughtBy: ['epoch-monotonic', 'no-split-brain'],
    shownIn: { scenario: 'log-crash', seeds: 3 },
  },
  'keep-running-after-fatal': {
    id: 'keep-running-after-fatal',
    source: 'F12',
    summary: 'A fatal error (newer_epoch_exists) does not stop the director: the next event re-runs recovery.',
    caughtBy: ['no-split-brain'],
    shownIn: { scenario: 'director-race', seeds: 3 },
  },
  'ignore-publish-failure': {
    id: 'ignore-publish-failure',
    source: 'F13',
    summary: 'The director runs even when the coordinators refused or lost its layout, and unlocks its storage servers, which pull history that was never published.',
    caughtBy: ['storage-consistent'],
    shownIn: { scenario: 'publish-without-majority', seeds: 3 },
  },
  'accept-stale-layout': {
    id: 'accept-stale-layout',
    source: 'F14',
    summary: 'Coordinators accept a layout from any epoch and take its epoch, which can go down.',
    caughtBy: ['epoch-monotonic'],
    shownIn: { scenario: 'stale-leader-publish', seeds: 3 },
  },
  'recruit-old-layout': {
    id: 'recruit-old-layout',
    source: 'S7',
    summary: 'Recruitment may fill a vacancy with a service from the old layout.',
    caughtBy: ['no-old-layout-reuse'],
    shownIn: { scenario: 'log-crash', seeds: 3 },
  },
  'accept-stale-lock': {
    id: 'accept-stale-lock',
    source: 'S3',
    summary: 'Services accept a lock from a lower epoch than the one they hold.',
    caughtBy: ['epoch-monotonic'],
    shownIn: { scenario: 'director-race', seeds: 3 },
  },
  'no-recruitment-lock-timeout': {
    id: 'no-recruitment-lock-timeout',
    source: 'F19',
    summary: 'Locks of recruited services wait for ever: one lost message blocks the director.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'random-faults', seeds: 40 },
  },
  'skip-new-log-replay': {
    id: 'skip-new-log-replay',
    source: 'F25',
    summary: 'A brand-new cluster skips recoverFrom on its new logs, which stay locked and refuse every push.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'log-crash', seeds: 3 },
  },
  'truncate-at-durable-version': {
    id: 'truncate-at-durable-version',
    source: 'F28',
    summary: 'Storage truncates above its durable version, not above min(durable, recovery version): an unacknowledged write survives.',
    caughtBy: ['storage-consistent'],
    shownIn: { scenario: 'torn-tail', seeds: 3 },
    // Only Bedrock's storage, which applies uncommitted versions and is unlocked before publishing, needs the truncation.
    alongWith: ['apply-uncommitted', 'unlock-storage-before-publish'],
  },
  'non-idempotent-requests': {
    id: 'non-idempotent-requests',
    source: 'rule 20',
    summary: 'Services act on every copy of a duplicated request: a duplicated version request makes the sequencer hand out two versions.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'duplicated-messages', seeds: 3 },
  },
  'repeat-storage-unlock': {
    id: 'repeat-storage-unlock',
    source: 'rule 20',
    summary: 'A storage server acts on every unlock its director sends: when the unlock-ok is lost and the director asks again, the server, already serving, truncates back to the recovery\'s durable version and loses what it applied since (or, past its MVCC window, its whole history).',
    caughtBy: ['teams-replicated', 'storage-consistent', 'reads-consistent'],
    shownIn: { scenario: 'lost-unlock-reply', seeds: 3 },
  },
  'unlock-storage-before-publish': {
    id: 'unlock-storage-before-publish',
    source: 'rule 19',
    summary: 'Storage servers are unlocked (and start pulling) before the layout is published, as in Bedrock: a failed publish leaves them holding history that was never committed.',
    caughtBy: ['storage-consistent', 'reads-consistent'],
    shownIn: { scenario: 'unpublished-attempt', seeds: 3 },
    // REF replaces a server it cannot lock; a kept one (the notes' rule) is where the unpublished history stays.
    alongWith: ['keep-unreachable-members'],
  },
  'apply-uncommitted': {
    id: 'apply-uncommitted',
    source: 'rule 19',
    summary: 'Storage applies versions a log holds before every log holds them; a recovery that discards them cannot roll back a replica it cannot reach.',
    caughtBy: ['storage-consistent', 'reads-consistent'],
    shownIn: { scenario: 'lagging-log', seeds: 3 },
  },
  'reuse-logs-of-accepted-layout': {
    id: 'reuse-logs-of-accepted-layout',
    source: 'rule 18',
    summary: 'Any log outside the director\'s own old layout is a spare, even one a layout accepted by a minority of coordinators relies on: replay wipes history a later director needs.',
    caughtBy: ['no-old-layout-reuse', 'no-acked-commit-lost'],
    shownIn: { scenario: 'minority-accepted-layout', seeds: 3 },
  },
  'unconfirmed-read-version': {
    id: 'unconfirmed-read-version',
    source: 'S14',
    summary: 'A proxy hands out read versions without confirming that its generation is still in charge: a superseded proxy serves stale reads.',
    caughtBy: ['reads-consistent'],
    shownIn: { scenario: 'random-faults', seeds: 1, firstSeed: 12 },
    // A proxy stops soon after its director is gone (F27); the confirmation is what protects reads
    // while a superseded one still runs, so it is shown with superseded proxies left running.
    alongWith: ['keep-old-components'],
  },
  'local-read-version': {
    id: 'local-read-version',
    source: 'S14',
    summary: 'A proxy hands out its own newest commit as the read version, not the newest of every proxy: a read can miss a commit another proxy acknowledged before it began.',
    caughtBy: ['reads-consistent'],
    shownIn: { scenario: 'duplicated-messages', seeds: 3 },
  },
  'skip-recruitment-lock': {
    id: 'skip-recruitment-lock',
    source: 'seed 002',
    summary: 'Storage recruitment puts the servers it recruits into the layout without locking them (the bug seed note 002 fixes): a published layout lists services its epoch never locked.',
    caughtBy: ['layout-only-locked'],
    shownIn: { scenario: 'log-crash', seeds: 3 },
  },
  'vacancy-numbering-overlaps': {
    id: 'vacancy-numbering-overlaps',
    source: 'F15',
    summary: 'Bedrock\'s storage vacancy numbering: groups share vacancy numbers (one new server lands in unrelated teams) and a single needed vacancy is never created, so a team stays under-replicated.',
    caughtBy: ['teams-replicated'],
    shownIn: { scenario: 'replication-change', seeds: 3 },
  },
  'roster-replaces-team': {
    id: 'roster-replaces-team',
    source: 'F16',
    summary: 'When tag sets overlap, a team\'s members are replaced by one tag set\'s roster: old members are dropped from their team.',
    caughtBy: ['no-old-layout-reuse'],
    shownIn: { scenario: 'shards-replica-lost', seeds: 3 },
  },
  'replay-ignores-tags': {
    id: 'replay-ignores-tags',
    source: 'F22',
    summary: 'Replay pairs new and old logs without looking at tags: a new log copies another shard\'s history.',
    caughtBy: ['no-acked-commit-lost'],
    shownIn: { scenario: 'shards', seeds: 3 },
  },
  'skip-backfill': {
    id: 'skip-backfill',
    source: 'F29',
    summary: 'A new storage replica is not back-filled from its teammates: it starts pulling at the durable version with nothing below it.',
    caughtBy: ['teams-replicated', 'reads-consistent'],
    shownIn: { scenario: 'shards-replica-lost', seeds: 3 },
  },
  'two-tag-log-validator': {
    id: 'two-tag-log-validator',
    source: 'F31',
    summary: 'The old-layout validator takes every log to carry exactly two ascending tags: a layout with other tag groups is "corrupted" and recovery stalls for ever.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'shards', seeds: 3 },
  },
  'quorum-from-replication-factor': {
    id: 'quorum-from-replication-factor',
    source: 'F32',
    summary: 'The storage quorum in version determination comes from the desired replication factor, not the team\'s size: raising R far enough stalls recovery for ever.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'replication-change', seeds: 3 },
  },
  'keep-unreachable-members': {
    id: 'keep-unreachable-members',
    source: '§4.4',
    summary: 'A team keeps every old member, also one the director could not lock (the design notes\' rule): a replica lost for good stays in its team, which is never rebuilt.',
    caughtBy: ['teams-replicated'],
    shownIn: { scenario: 'shards-replica-lost', seeds: 3 },
  },
  'ack-before-sync': {
    id: 'ack-before-sync',
    source: 'disks',
    summary: 'A log acknowledges a push before it is synced to disk: a crash loses the tail the proxy was told is there, and an acknowledged commit with it.',
    caughtBy: ['no-acked-commit-lost'],
    shownIn: { scenario: 'torn-tail', seeds: 3 },
  },
  'keep-dead-spares': {
    id: 'keep-dead-spares',
    source: 'F18',
    summary: 'Dead spares stay candidates (Bedrock): the directory keeps services a replaced node no longer hosts, and one that failed the director is left out for a fixed 5 s however often it fails. Two dead spares, each forgiven before the other\'s turn comes round, are picked in alternation and recovery never completes.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'dead-spares', seeds: 1 },
  },
  'keep-old-components': {
    id: 'keep-old-components',
    source: 'F27',
    summary: 'Sequencers and commit proxies are never stopped: neither when the attempt that started them fails, nor when their director is gone. An old generation keeps running next to the newer one.',
    caughtBy: ['old-generations-stop'],
    shownIn: { scenario: 'director-race', seeds: 3 },
  },
  'keep-stalled-attempt-proxies': {
    id: 'keep-stalled-attempt-proxies',
    source: 'bug class',
    summary: 'A stalled recovery attempt leaves its sequencer and proxies running, and its director keeps answering their checks: when a later attempt of the same director publishes, two proxy sets serve one epoch (a bug reported against the real system).',
    caughtBy: ['old-generations-stop'],
    shownIn: { scenario: 'random-faults', seeds: 1, firstSeed: 190 },
  },
  'stale-election-timer': {
    id: 'stale-election-timer',
    source: 'bug class',
    summary: 'Cancelling an election timer that is about to expire does not take back its already-queued message: a follower that just heard the leader campaigns anyway and deposes it, again and again (election storms: many leadership changes and recoveries in a couple of minutes, a bug reported against the real system).',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'log-crash', seeds: 3 },
  },
  'distrust-answering-nodes': {
    id: 'distrust-answering-nodes',
    source: 'F18',
    summary: 'A node stays suspected after its foreman has answered (created a worker, or answered the director\'s ping): when a partition made every log node fail the director and one of them is dead for good, each attempt falls back to the suspected nodes, waits out the dead one, and new clusters or recoveries miss the bound. Shown with retry-freshly-failed-nodes, the other half of the same defence: either fix alone keeps the dead node out.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'partitioned-log-nodes', seeds: 3 },
    alongWith: ['retry-freshly-failed-nodes'],
  },
  'empty-layout-for-null': {
    id: 'empty-layout-for-null',
    source: 'F6',
    summary: 'The coordinator hands a new cluster\'s director a default empty layout instead of none, and the path rule detects a new cluster only when there is no layout at all: the director takes the data path with nothing to recover from, and a new cluster stalls for ever (unable_to_meet_log_quorum).',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'bootstrap', seeds: 3 },
  },
  'relock-old-members': {
    id: 'relock-old-members',
    source: 'F20',
    summary: 'Storage recruitment locks every old team member again (Bedrock\'s literal step): one member that is dead blocks recovery for ever, although version determination tolerated it (a storage server lost for good stalls every later recovery).',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'shards-replica-lost', seeds: 3 },
  },
  'fresh-init-on-dead-components': {
    id: 'fresh-init-on-dead-components',
    source: 'F5',
    summary: 'A director whose old layout\'s sequencer and proxies do not answer takes the layout for stale ("stale components") and initialises a brand-new cluster over it: every recovery after the old generation\'s components died wipes the committed history.',
    caughtBy: ['acts-on-promised-layout', 'no-acked-commit-lost'],
    shownIn: { scenario: 'log-crash', seeds: 3 },
  },
  'short-lock-timeout': {
    id: 'short-lock-timeout',
    source: 'F3',
    summary: 'A phase-1 lock timeout of 200 ms (a parameter preset from Bedrock\'s history): on a network whose round trip is longer, slow but live old logs count as absent, every attempt stalls on the log quorum, and recovery never completes.',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'wan-latency', seeds: 3 },
  },
  'stall-on-persistence-failure': {
    id: 'stall-on-persistence-failure',
    source: 'F26',
    summary: 'A failed persistence (the layout\'s commit or its publish) is handled as a stall instead of exit-and-new-epoch: the director builds another layout under the same epoch and rebuilds logs that the first one, already accepted by a coordinator, relies on.',
    caughtBy: ['no-old-layout-reuse', 'no-split-brain', 'recovery-completes'],
    shownIn: { scenario: 'publish-without-majority', seeds: 3 },
  },
  'strict-placement-across-kinds': {
    id: 'strict-placement-across-kinds',
    source: 'bug class',
    summary: 'Strict placement allows one worker per node across every kind, not one new worker per node and kind: a fresh cluster of 3 nodes places its 3 logs and has no node left for storage, so it never starts (a bug reported against the real system).',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'three-nodes-strict', seeds: 3 },
  },
  'register-proxies-after-all-start': {
    id: 'register-proxies-after-all-start',
    source: 'sweep',
    summary: 'The director counts its commit proxies as its own only once every one of them has answered: on a network whose round trip outlasts a proxy\'s first check-in (about 250 ms), the first proxy asks before the last reply is in, is told it belongs to no attempt and exits, the director stops on the component failure, and a new cluster never publishes (found by random-shapes on wide-area networks).',
    caughtBy: ['recovery-completes'],
    shownIn: { scenario: 'wan-new-cluster', seeds: 1 },
  },
  'retry-freshly-failed-nodes': {
    id: 'retry-freshly-failed-nodes',
    source: 'sweep',
    summary: 'When no capable node is trusted, the director spreads new workers over all of them, the one whose worker creation just timed out included: after a partition made the live nodes suspect and a node died for good, every attempt waits out the dead node\'s creation timeout and recovery misses its bound (found by random-shapes).',
    caughtBy: ['asks-doubtful-nodes', 'recovery-completes'],
    shownIn: { scenario: 'dead-node-after-partition', seeds: 1 },
  },
  'place-on-suspects-unasked': {
    id: 'place-on-suspects-unasked',
    source: 'sweep',
    summary: 'When no capable node is trusted, the director places new workers on suspected nodes without asking which are up, one node at a time in the order their suspicion ends: windows double with every failure, so live log nodes that failed again and again during a partition stay suspected longer than one that died for good, which is tried alone and waited out for the 10 s creation timeout while the live ones are passed over, and recovery misses its bound (found by random-faults with the cut-off-recruits trigger).',
    caughtBy: ['asks-doubtful-nodes', 'recovery-completes'],
    shownIn: { scenario: 'dead-node-among-suspects', seeds: 1 },
  },
  'trust-silent-nodes': {
    id: 'trust-silent-nodes',
    source: 'sweep',
    summary: 'A director takes every node in the coordinators\' directory for up until the node fails it: a node that died for good, hosting nothing the director locks, is handed a worker, and the director waits out the creation timeout and misses the liveness bound. The coordinator knows the node fell silent (its foreman stopped announcing itself): its director suspects such a node from the start, and before it places a worker on one that fell silent since (found by random-faults with every aimed trigger on, seeds 228 and 1376).',
    caughtBy: ['asks-doubtful-nodes', 'recovery-completes'],
    shownIn: { scenario: 'dead-before-director', seeds: 1 },
  },
  'serve-other-generation-pulls': {
    id: 'serve-other-generation-pulls',
    source: 'sweep',
    summary: 'A running log serves every storage server that pulls from it, whatever generation the server belongs to: a log left spare by a published layout and rebuilt by a newer recovery that never publishes holds that recovery\'s history, and a storage server of the old layout that no director could lock, still pulling from its old logs, applies it; storage-consistent, which also judges servers outside the teams, catches it once a later publication fixes those versions differently (found by random-faults with every aimed trigger on).',
    caughtBy: ['storage-consistent'],
    shownIn: { scenario: 'stale-replica-pulls-reused-log', seeds: 1, firstSeed: 1360 },
  },
  'trust-member-history': {
    id: 'trust-member-history',
    source: 'sweep',
    summary: 'A storage server listed in an old team is taken to hold that team\'s shard: one recruited into a team for a new shard, whose unlock (and so its back-fill) never came because it was killed first, is locked by the next director as an old member, counted toward the team\'s durable version and unlocked without a back-fill, and serves a shard whose history it never had (found by random-shapes, seed 84).',
    caughtBy: ['teams-replicated'],
    shownIn: { scenario: 'random-shapes', seeds: 1, firstSeed: 84 },
  },
  'carry-over-attempt-state': {
    id: 'carry-over-attempt-state',
    source: 'F24',
    summary: 'A retried attempt starts from the previous attempt\'s lock replies and keeps an old reply over a fresh one: old logs that answered an earlier attempt but not this one still count toward each shard\'s majority, so log recovery planning passes, and history is copied, on locks this attempt never got (S10).',
    caughtBy: ['acts-on-promised-layout'],
    shownIn: { scenario: 'stale-lock-replies', seeds: 1, firstSeed: 13 },
  },
  'mislabel-director-events': {
    id: 'mislabel-director-events',
    source: 'checkers',
    summary: 'The director\'s trace events lie (first-phase locks reported as recruitment, a wrong old layout reported); its behaviour is unchanged. Checkers judge from ground truth, so the bug it hides is still caught.',
    caughtBy: ['selective-locking'],
    shownIn: { scenario: 'bug-lock-all-available', seeds: 3 },
    alongWith: ['lock-all-available'],
    disguise: true,
  },
};

export type MutationSet = ReadonlySet<MutationId>;

export function isMutationId(value: string): value is MutationId {
  return (MUTATION_IDS as readonly string[]).includes(value);
}

/** Whether two mutation lists switch on the same set. */
export function sameMutations(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
