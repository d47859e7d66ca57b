/**
 * The words the timeline, the summaries and the demos use, one short paragraph each. This is the
 * one source of `recovery-sim explain glossary`, `recovery-sim explain <term>` and
 * docs/glossary.md (generated from it: a test keeps them equal).
 */
export interface GlossaryEntry {
  /** The name `explain` takes (lower case, words joined by hyphens). */
  readonly term: string;
  /** Other spellings that find the same entry (abbreviations, the trace's own words). */
  readonly aliases?: readonly string[];
  readonly text: string;
  /** Demos or scenarios that show it (`recovery-sim demo <name>`, `recovery-sim run <name>`). */
  readonly shownIn?: readonly string[];
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    term: 'acknowledged',
    aliases: ['acknowledged-commit', 'ack', 'acked'],
    text: 'A commit is acknowledged when the client is told it is committed. A commit proxy acknowledges only after every log of its generation has stored the commit, so an acknowledged commit is on every log a later recovery could copy from. Losing one is the worst bug there is: no-acked-commit-lost checks that it never happens.',
  },
  {
    term: 'aimed-fault',
    aliases: ['trigger', 'triggers', 'aimed'],
    text: 'A fault struck at a protocol moment rather than at a random time: when a director enters a phase (crash or freeze its node), when a layout is being published (cut the leader off), when a layout was just published (kill its logs), when a new leader is elected (clog its link to the old one). Random faults rarely land in the few milliseconds a bug needs; aimed ones do. The timeline shows them as "⚡ aimed (…)".',
  },
  {
    term: 'attempt',
    aliases: ['retry', 'retrying'],
    text: 'One pass of a director through the recovery phases. An attempt that cannot finish stalls, and the director starts a fresh attempt (same epoch, nothing carried over) on a timer or when a node or service registers. The timeline prints "attempt N" when one starts, and folds attempts that stall the same way again and again into one line.',
    shownIn: ['insufficient-nodes', 'dead-spares'],
  },
  {
    term: 'back-fill',
    aliases: ['backfill'],
    text: 'Copying a shard\'s data onto a new storage replica from its teammates, so that it holds the whole history and not only what arrives after it joined. Without it (the skip-backfill mutation) a replacement replica answers reads with missing data.',
    shownIn: ['shards-replica-lost'],
  },
  {
    term: 'clog',
    aliases: ['unclog'],
    text: 'A network fault that delays every message to or from a node, or over one link, by an extra amount ("clog n5 +366ms"); "unclog" ends it. At quiet time every clog still in force is ended, and the timeline names them.',
  },
  {
    term: 'commit-proxy',
    aliases: ['proxy', 'proxies'],
    text: 'The process clients send commits to. It takes a version from the sequencer, pushes the commit to every log of its generation and acknowledges it once all of them have stored it. It also hands out read versions. Each generation starts its own proxies; their names carry the epoch (proxy-e6.2.0 is epoch 6, attempt 2, proxy 0).',
  },
  {
    term: 'component-failure',
    aliases: ['component_failure'],
    text: 'Why a running director stops when one of the processes it monitors (its logs, sequencer or proxies) goes down: "director stops: component_failure". The generation cannot commit any more, so the director exits and its coordinator starts a new director with a higher epoch, which recovers from the layout just published.',
    shownIn: ['log-crash'],
  },
  {
    term: 'coordinator',
    aliases: ['coordinators'],
    text: 'One of a small group (three by default) that hold the cluster\'s register: the newest layout each has accepted, and the highest term each has promised. They elect a leader, and the leader starts the director. A layout counts as published once a majority of them hold it.',
  },
  {
    term: 'data-path',
    aliases: ['path', 'path-data', 'new-cluster', 'new-cluster-path', 'path-determination'],
    text: 'The first decision of every attempt ("path: data" or "path: new-cluster"). With an old layout, the director takes the data path: lock the old layout, work out what was committed, copy it to new logs. Only when there is no old layout at all (or it names neither logs nor storage teams) does it take the new-cluster path and start empty. The path never depends on what could be reached: mistaking a cluster with data for a new one would wipe it.',
    shownIn: ['bootstrap', 'log-crash'],
  },
  {
    term: 'directory',
    aliases: ['service-directory', 'spare', 'spares', 'dead-spare'],
    text: 'The coordinators\' list of every log and storage service the foremen have announced, with its node. Recruitment picks spares (services in no layout) from it before it creates new workers. It is never pruned, so it can list dead services: a director that fails to lock one suspects it, and its node, for a while.',
    shownIn: ['dead-spares'],
  },
  {
    term: 'director',
    aliases: ['directors'],
    text: 'The process that runs a recovery. A coordinator that wins an election starts one with its term as epoch; it locks the old layout, works out what was committed, recruits logs and storage, copies the history, starts a sequencer and proxies, and publishes a new layout. Then it runs the generation, watching its parts, until one fails or a newer director takes over. Its name carries the epoch (director-e6@n3).',
  },
  {
    term: 'durable-version',
    aliases: ['durable'],
    text: 'The newest version that enough storage replicas of every old team have stored on disk ("durable version 124"). It says where the storage servers can resume from, not what survives: what survives is the recovery version, the newest version every chosen log holds. When a storage server is unlocked it keeps nothing above the lower of the two, and pulls the rest from the new logs.',
  },
  {
    term: 'epoch',
    aliases: ['epochs', 'e'],
    text: 'The number that orders directors, written e6 in the timeline. It is the election term the director\'s coordinator won, so it is unique and only ever rises. Every service remembers the highest epoch that locked it and refuses a lower one (newer_epoch_exists). Epochs skip numbers: each coordinator campaigns only on its own turns (with three, n1 takes 1, 4, 7, …), and campaigns that never win use numbers up; the timeline says why when a director\'s epoch jumps.',
    shownIn: ['director-race'],
  },
  {
    term: 'fencing',
    aliases: ['fenced'],
    text: 'A locked log refuses pushes from a generation below its epoch, so once a newer director has locked a log, the old generation\'s proxy can no longer commit through it: its commit fails and it stops. Without fencing (the no-fencing mutation) the old generation keeps acknowledging commits the new one never copies.',
    shownIn: ['leader-isolated', 'bug-no-fencing'],
  },
  {
    term: 'first-phase',
    aliases: ['locking', 'first-phase-locks', 'lock', 'locks', 'selective-locking-phase'],
    text: 'The locking phase at the start of every data-path attempt: the director locks the services of the old layout, and only those (selective locking), each with its epoch. A locked service stops serving the old generation and answers with what it holds. A service that does not answer in time is left out ("timeout"); one that holds a newer epoch ends the director ("newer-epoch-exists").',
    shownIn: ['log-crash', 'bug-lock-all-available'],
  },
  {
    term: 'foreman',
    text: 'One per node: it creates log and storage workers when a director asks for them, and announces them (and its node) to the coordinators, which put them in the directory and tell the director.',
  },
  {
    term: 'generation',
    text: 'What a published layout brings to life: its logs, storage teams, sequencer and proxies, all with the layout\'s epoch. "generation e6" commits until a newer director locks its logs; "first commit acknowledged by generation e6" is when it starts serving clients.',
  },
  {
    term: 'spec-ids',
    aliases: ['spec', 'specs', 'spec-id', 'protocol-notes'],
    text: 'The short ids the tool prints next to invariants and mutations: S1 … S27 are safety rules, L1 … L5 liveness rules, F1 … F32 known pitfalls of the real system (each a mutation here), and rules 18 … 20 holes this simulator found. docs/protocol.md lists each with its meaning; `recovery-sim explain S12` prints one.',
  },
  {
    term: 'invariant',
    aliases: ['invariants', 'checker', 'checkers', 'safety', 'liveness'],
    text: 'A property the checkers verify on every run, judging only from ground truth (disks, coordinators\' state, the messages really delivered, what the client was told). Safety invariants must hold at every moment; the progress rule (asks-doubtful-nodes) is checked as often, and a violation costs time rather than data; liveness invariants are judged once, after faults stop plus a bound: by then a director must run a published layout and commits must flow. `recovery-sim list invariants` lists them.',
  },
  {
    term: 'layout',
    aliases: ['tsl', 'transaction-system-layout', 'old-layout'],
    text: 'The transaction system layout: which logs, storage teams, sequencer and proxies make up a generation, with its epoch and recovery version ("layout e6"). A director builds one, and it takes effect once published. The old layout is the one a director recovers from: the newest any coordinator of its election majority had accepted.',
  },
  {
    term: 'leader',
    aliases: ['term', 'terms', 'election', 'campaign', 'campaigns'],
    text: 'The coordinator that won the latest election. A coordinator that stops hearing the leader campaigns for a term above every term it has seen; when a majority promise it that term, it leads and starts a director whose epoch is the term. A coordinator cut off from the others campaigns again and again without winning ("campaigns for term 7, then 10 13 …"), which is why epochs jump.',
    shownIn: ['leader-isolated', 'director-race'],
  },
  {
    term: 'liveness-checkpoint',
    aliases: ['checkpoint', 'liveness-bound', 'quiet', 'quiet-time', 'quiet-time-plus-bound'],
    text: 'Faults stop at quiet time (partitions heal, clogs end, crashed nodes restart unless lost for good). The liveness checkpoint is quiet time plus the scenario\'s livenessBoundMs: by then a director must run the newest published layout, superseded directors must have stopped, and every shard must have R live replicas. When that fails, the timeline prints what each live director was waiting on at the checkpoint.',
  },
  {
    term: 'log',
    aliases: ['logs', 'log-server', 'tlog'],
    text: 'A log server: it stores every commit of its generation, in version order, and storage servers pull from it. A recovery copies the committed history from the old layout\'s logs onto new ones (replay); old logs are never rewritten while a layout may still need them.',
  },
  {
    term: 'log-plan',
    aliases: ['version-vector', 'copy-versions', 'log-recovery-planning'],
    text: 'Log recovery planning: from the old logs that answered the lock (a majority of each shard\'s logs is needed), the director picks which to copy from and the versions to copy, "copy versions (120, 124]": everything after 120 up to and including 124. The upper end is the recovery version.',
  },
  {
    term: 'majority',
    aliases: ['quorum'],
    text: 'More than half. A coordinator leads only with a majority\'s promises, a layout is published only when a majority of coordinators hold it, and log recovery needs a majority of each shard\'s old logs. Any two majorities share a member: that shared member is how a newer director always learns what an older one published.',
  },
  {
    term: 'mutation',
    aliases: ['mutations', 'bug', 'bugs'],
    text: 'A deliberate protocol bug you can switch on (`--mutate no-fencing`), taken from the real system\'s known pitfalls or from holes this simulator found. Each names the invariant that must catch it; the bug demos show one caught. `recovery-sim list mutations` lists them and `recovery-sim explain <mutation>` explains one.',
  },
  {
    term: 'nemesis',
    aliases: ['fault', 'faults'],
    text: 'The part of the simulator that applies faults: crashes and restarts, partitions, clogs, message loss, duplication and reordering, paused processes, wiped or slow disks. Its lines in the timeline start with ⚡.',
  },
  {
    term: 'newer-epoch-exists',
    aliases: ['newer_epoch_exists', 'superseded'],
    text: 'The answer a service gives a director whose epoch is below the one it holds. It changes nothing. A director that receives it stops for good ("director stops: newer_epoch_exists"): retrying could only fight the director that superseded it.',
    shownIn: ['director-race'],
  },
  {
    term: 'partition',
    aliases: ['heal', 'partitions'],
    text: 'A network fault that cuts messages between groups of nodes, both ways ("n1 <-/-> n2,n3") or one way ("-/->"); "heal" ends it. A leader partitioned from the other coordinators can no longer publish, and they elect a new one.',
    shownIn: ['leader-isolated', 'director-race'],
  },
  {
    term: 'phase',
    aliases: ['phases'],
    text: 'A step of an attempt, printed as "phase a → b → c" when several pass at once: path-determination, locking, log-recovery-planning, vacancy-creation, version-determination, log-recruitment, storage-recruitment, log-replay, sequencer-startup, proxy-startup, monitoring, layout-build, persistence (publishing the layout) and storage-unlock. docs/protocol.md describes each.',
  },
  {
    term: 'probe',
    aliases: ['probes'],
    text: 'A counter of a rare situation the run reached (two directors at once, a lock refused by a newer epoch, a stall for missing nodes…). The summary lists the probes reached and not reached; a sweep over many seeds reports the ones never reached, which no seed tested.',
  },
  {
    term: 'publish',
    aliases: ['published', 'publication', 'persistence', 'publish-by-majority'],
    text: 'A layout is published once a majority of coordinators hold it as their accepted layout: from then on every future leader learns of it, so every later director recovers from it or from something newer. Only a published layout\'s generation may serve clients. The timeline prints "layout e6 published" at that moment, and the summary gives the same time.',
    shownIn: ['bootstrap', 'leader-isolated'],
  },
  {
    term: 'read-version',
    aliases: ['reads'],
    text: 'The version a read sees: a client asks a proxy for one, then reads from a storage server that has reached it. It must be at least every version acknowledged before the read began, or the read could miss a commit (reads-consistent checks that).',
  },
  {
    term: 'recovery-version',
    aliases: ['rv', 'recovered-history'],
    text: 'The newest version a recovery keeps: the upper end of "copy versions (a, b]", printed with the layout ("recovery version 124"). Everything up to it is copied to the new logs; anything above it was never acknowledged (an acknowledged commit is on every log) and is discarded. Compare the durable version, which only says where storage resumes.',
  },
  {
    term: 'recruitment',
    aliases: ['recruited', 'recruitment-locks', 'recruit'],
    text: 'Filling the new layout\'s vacancies: reuse spare services from the directory first, then create workers round-robin over the capable nodes, and lock each recruit with the epoch at once ("recruitment locks"). Services of the old layout are never recruited: they hold the history this recovery must keep.',
    shownIn: ['bootstrap', 'bug-recruit-old-layout'],
  },
  {
    term: 'replay',
    aliases: ['log-replay'],
    text: 'Copying the chosen history onto the new logs: "replay: wg73qfjf ← au5guptr" means the new log wg73qfjf copies versions (a, b] from the old log au5guptr. A new cluster has nothing to copy and its logs start empty.',
  },
  {
    term: 'replication-factor',
    aliases: ['r', 'replication'],
    text: 'R: how many storage replicas each shard keeps. Version determination needs a majority of each old team\'s replicas to answer, and the teams-replicated invariant checks that after recovery every shard has R live replicas holding its whole history.',
  },
  {
    term: 'seed',
    aliases: ['trace-hash', 'replay-command'],
    text: 'The number that draws everything random in a run: latencies, message order, drawn faults, timeouts. One seed gives one execution, byte for byte; the trace hash fingerprints it, and the replay line at the end of every run repeats it exactly.',
  },
  {
    term: 'sequencer',
    text: 'The process that hands out commit versions for one generation, each above the recovery version, so versions keep rising across generations. It runs next to its director.',
  },
  {
    term: 'shard',
    aliases: ['shards', 'tag', 'tags'],
    text: 'A range of keys, named by a tag ("team 0", "team 1"). Each shard has a storage team; logs carry the commits of the tags they serve. Tag 0 is the system shard, which holds the cluster\'s own keys.',
    shownIn: ['shards-replica-lost'],
  },
  {
    term: 'split-brain',
    aliases: ['split-brain-prevention'],
    text: 'Two parts of a cluster each acting as the one in charge: two directors of one epoch, two layouts published for one epoch, or an old generation still acknowledging commits next to a newer one. Locking, fencing and publish-by-majority together prevent it: `recovery-sim explain split-brain` tells how, and no-split-brain checks it.',
    shownIn: ['director-race', 'leader-isolated'],
  },
  {
    term: 'stall',
    aliases: ['stalled', 'stalls'],
    text: 'An attempt that cannot finish yet: too few nodes, too few old logs answering, a recruit that does not answer its lock, a copy that failed. "stalled (attempt 1): insufficient_nodes …; retrying": the director keeps its epoch and starts a fresh attempt later. A stall is not a failure; safety never depends on it.',
    shownIn: ['insufficient-nodes', 'dead-spares'],
  },
  {
    term: 'storage-server',
    aliases: ['storage'],
    text: 'A server that keeps a shard\'s data at every version (reads at an older version still work), pulling new commits from the logs. Storage servers are locked during recovery like logs, and unlocked only after the new layout is published.',
  },
  {
    term: 'swarm',
    aliases: ['swarm-testing'],
    text: 'With random faults, each seed enables only a random subset of fault families and triggers, at random strengths, and draws the protocol\'s timeouts within their valid ranges. Different seeds stress different things; the run header prints what a seed drew.',
  },
  {
    term: 'team',
    aliases: ['storage-team', 'teams'],
    text: 'The storage servers that replicate one shard ("team 0: oghfhugv wjad5d7h 2qbtil2k"). Old team members stay in their team across recoveries; a member lost for good is replaced by a new server, which is back-filled.',
  },
  {
    term: 'torn-tail',
    aliases: ['torn'],
    text: 'Records appended to a file but not yet synced are lost when the node crashes: "file … lost its last 2 unsynced records (a torn tail)". A log acknowledges a push only after syncing it, so a torn tail never loses an acknowledged commit.',
    shownIn: ['torn-tail'],
  },
  {
    term: 'vacancy',
    aliases: ['vacancies'],
    text: 'A place in the new layout not yet given to a service: the new logs (a fresh set every recovery) and missing storage replicas. Recruitment fills vacancies; a published layout has none.',
  },
];

/** Longer explanations, for the questions a glossary paragraph cannot answer. */
export const TOPICS: Readonly<Record<string, string>> = {
  'split-brain': [
    'Split-brain: how locking, fencing and publish-by-majority together keep one generation in charge.',
    '',
    'Split-brain is two parts of the cluster each acting as the one in charge: two directors for one epoch, two layouts published for one epoch, or an old generation still acknowledging commits next to a newer one. Partitions and crashes make several directors alive at once unavoidable (a leader cut off from the other coordinators does not know it has been replaced). The protocol lets them coexist but never lets two of them change the same thing.',
    '',
    '1. Epochs and locking order the directors. A director\'s epoch is the election term its coordinator won with a majority\'s promises, so no two directors get the same epoch and a newer director always has a higher one. Every log and storage service remembers the highest epoch that locked it and answers a lower one with newer_epoch_exists, changing nothing; a director that hears it stops for good. So whoever holds the higher epoch wins every service it reaches, and the older director finds out from the first service that refuses it. See: `recovery-sim demo director-race` (the older director e4 is refused and stops); `recovery-sim demo bug-accept-stale-lock` (a service that accepts a lower epoch: epoch-monotonic catches it); `recovery-sim demo bug-lock-all-available` (locking must also be selective: only the old layout\'s services).',
    '',
    '2. Fencing stops the old generation. Locking is not only a vote: a locked log refuses pushes from generations below its epoch. The old generation\'s commit proxy, however cut off from the coordinators, cannot get a commit stored on every log any more, so it cannot acknowledge one; its commit fails and it stops. See: `recovery-sim demo leader-isolated` (the isolated leader\'s proxy is fenced off) and the line "refuse the push of version … from generation e6: locked" in `recovery-sim demo director-race`; `recovery-sim demo bug-no-fencing` shows what is lost without it (no-acked-commit-lost catches it).',
    '',
    '3. Publishing by majority makes one layout the truth. A layout takes effect only when a majority of coordinators hold it, and a coordinator refuses the layout of an epoch below a term it has promised. Any two majorities share a coordinator, so every later leader hears of every published layout and its director recovers from it (or from a newer one); a layout built by a superseded director can never be published. Only a published layout\'s generation serves clients. See: `recovery-sim run publish-without-majority` (a director that cannot reach a majority exits instead of running), `recovery-sim run stale-leader-publish` (coordinators that promised a higher term refuse the old leader\'s layout), `recovery-sim run missed-accept` (a coordinator that missed a publication learns it from the majority\'s promises).',
    '',
    'Together: at most one director can lock a service for an epoch (1), the generations it supersedes can no longer commit (2), and only one layout per epoch can ever be published, which every later director builds on (3). The no-split-brain invariant checks the outcome on every run: one director and one published layout per epoch, and no version acknowledged to clients by two generations.',
  ].join('\n'),
};

/** `newer_epoch_exists`, `Path: Data` and `path data` all look up as `newer-epoch-exists`, `path-data`. */
export function termKey(word: string): string {
  return word.trim().toLowerCase().replace(/[\s_:]+/g, '-').replace(/-+/g, '-');
}

export function findTerm(word: string): GlossaryEntry | undefined {
  const key = termKey(word);
  return GLOSSARY.find((e) => e.term === key || (e.aliases ?? []).some((a) => termKey(a) === key));
}

/** Every name `explain` finds a glossary entry by. */
export function glossaryNames(): string[] {
  return GLOSSARY.flatMap((e) => [e.term, ...(e.aliases ?? [])]);
}
