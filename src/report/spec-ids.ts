/**
 * The ids the tool prints next to invariants and mutations (S2, F9, L1, rule 18, §4.4…), each with
 * its meaning in one line. They come from the design notes the simulator was built from; this
 * table (and docs/protocol.md, generated from it) carries their meaning inside the package.
 */
export interface SpecId {
  readonly id: string;
  readonly meaning: string;
}

export interface SpecGroup {
  readonly title: string;
  readonly intro: string;
  readonly ids: readonly SpecId[];
}

const S = (n: number, meaning: string): SpecId => ({ id: `S${n}`, meaning });
const L = (n: number, meaning: string): SpecId => ({ id: `L${n}`, meaning });
const F = (n: number, meaning: string): SpecId => ({ id: `F${n}`, meaning });

export const SPEC_GROUPS: readonly SpecGroup[] = [
  {
    title: 'Safety rules (S1 … S27)',
    intro: 'What must hold at every moment of every run. The invariants check them (`recovery-sim list invariants` shows which checks which).',
    ids: [
      S(1, 'The epochs the coordinators give successive directors strictly increase.'),
      S(2, 'At most one director is ever started for a given epoch.'),
      S(3, 'A service\'s accepted lock epochs never decrease: a lock from a lower epoch is answered newer_epoch_exists and changes nothing.'),
      S(4, 'At most one director runs per epoch, and at most one layout is published per epoch.'),
      S(5, 'Fencing: no service replays, unlocks or takes a push for a caller whose epoch is below its own.'),
      S(6, 'A published layout lists only services that accepted its own epoch\'s lock, and took no higher one before its director finished with them.'),
      S(7, 'Vacancies are never filled with a service of the old layout (log or storage).'),
      S(8, 'The first phase locks only the old layout\'s services; anything else is locked only once recruited into a vacancy.'),
      S(9, 'Every member of an old storage team is still a member of the team with the same tag in the new layout.'),
      S(10, 'Log recovery planning passes only if a majority of each shard\'s old logs answered this attempt\'s lock.'),
      S(11, 'When log replay runs, the first version to copy is not above the last.'),
      S(12, 'No acknowledged commit is lost: it is at or below every later published recovery version, with the same writes, on every new log that carries its keys.'),
      S(13, 'Replay preserves history: each new log holds exactly its source\'s commits up to the recovery version, and nothing above it.'),
      S(14, 'No write that was never committed survives: after a layout is published, no storage server serves a value above its recovery version unless that generation committed it.'),
      S(15, 'Commit versions keep increasing across generations: each is above the recovery version and above every version acknowledged before.'),
      S(16, 'A published layout has no vacancies, has a sequencer and at least one proxy, and every log in it is up.'),
      S(17, 'A layout\'s service list names only its logs and the members of its storage teams.'),
      S(18, 'The new-cluster path is taken only when there is no old layout (or it has neither logs nor storage teams), never because of reachability or lock results.'),
      S(19, 'A coordinator leader starts a director only after its election round completed (a majority promised).'),
      S(20, 'After newer_epoch_exists reaches a director, it sends no further lock, create, replay, unlock, commit or publish request.'),
      S(21, 'A director runs only once its layout is published; no commit is acknowledged by a generation before its layout is published.'),
      S(22, 'A coordinator\'s epoch never decreases: it refuses a layout older than a term it has promised.'),
      S(23, 'Within one recruitment, new workers of one kind go to distinct nodes (with strict placement).'),
      S(24, 'Proxies leave their locked start only through the director that started them.'),
      S(25, 'A running director monitors its sequencer, proxies and logs, and no storage server.'),
      S(26, 'The durable version is the minimum, over the old teams, of the q-th highest durable version their replicas report (q a majority of the team).'),
      S(27, 'Storage truncates to the lower of the durable version and the recovery version.'),
    ],
  },
  {
    title: 'Liveness rules (L1 … L5)',
    intro: 'What must eventually happen once faults stop and enough of the cluster is up. The liveness invariants judge them at the liveness checkpoint (quiet time plus the bound).',
    ids: [
      L(1, 'Some director eventually runs with a published layout.'),
      L(2, 'Each stall reason clears after finitely many retries once its cause is fixed.'),
      L(3, 'A brand-new cluster bootstraps after finitely many attempts.'),
      L(4, 'A superseded director stops within a bounded time.'),
      L(5, 'A monitored component that dies while the director runs leads to a new director with a higher epoch.'),
    ],
  },
  {
    title: 'Known pitfalls (F1 … F32)',
    intro: 'Wrong behaviours of the real system or of its history, each available as a mutation switch (`recovery-sim list mutations`). The reference protocol does the opposite.',
    ids: [
      F(1, 'The first phase locks every service in the directory, not only the old layout\'s.'),
      F(2, 'newer_epoch_exists is treated as a stall and retried, instead of stopping the director.'),
      F(3, 'A first-phase lock timeout of 200 ms: slow but live old logs count as absent.'),
      F(4, 'The new-cluster path is chosen when nothing got locked, re-initialising a cluster whose old services are merely unreachable.'),
      F(5, 'A fresh initialisation is forced when the old layout\'s sequencer and proxies are dead ("stale components").'),
      F(6, 'A default empty layout stands in for "none", and a new cluster stalls for ever on the log quorum.'),
      F(7, 'The director starts on election, before the promise round: it may start from a stale or missing layout.'),
      F(8, 'A commit is acknowledged once a majority of logs (not all) stored it.'),
      F(9, 'A locked log still accepts pushes, so the old generation keeps committing after the lock (no fencing).'),
      F(10, 'Replay and storage unlock do not check the caller\'s epoch.'),
      F(11, 'A restarted director reuses the current epoch, and equal-epoch locks are accepted from another director.'),
      F(12, 'A fatal error does not stop the director; the next event runs recovery again.'),
      F(13, 'A failed publish is ignored and the director runs anyway.'),
      F(14, 'A coordinator takes a layout\'s epoch without comparing, so its epoch can go down.'),
      F(15, 'Storage vacancy numbers overlap between groups and a single needed vacancy is never created.'),
      F(16, 'When tag sets overlap, a team\'s members are replaced by one tag set\'s roster, dropping old members.'),
      F(17, 'Workers created during recruitment cannot be locked in the same attempt.'),
      F(18, 'Recruitment keeps choosing the same dead candidate: the directory is never pruned and the choice is deterministic.'),
      F(19, 'Recruitment locks have no timeout: one hung service blocks the director for ever.'),
      F(20, 'Storage recruitment locks every old team member again, so one dead member blocks recovery.'),
      F(21, 'Monitoring starts only after unlock and publish: a component that dies in between goes unnoticed.'),
      F(22, 'Replay pairs new and old logs without looking at tags: a new log copies another shard\'s history.'),
      F(23, 'The cross-shard version range is not checked (its first version may be above its last).'),
      F(24, 'Attempt state carries over between retries, so stale lock replies hide fresh ones.'),
      F(25, 'Brand-new logs skip replay and keep stale state.'),
      F(26, 'A failed publish is handled as a stall (or the reverse) instead of exiting for a new epoch.'),
      F(27, 'Sequencers and proxies of failed attempts and old generations are never stopped.'),
      F(28, 'Storage truncates above the durable version, not above the lower of it and the recovery version.'),
      F(29, 'New storage replicas are not back-filled from their teammates.'),
      F(30, 'Capability notifications always count as changed, giving spurious retries.'),
      F(31, 'The old-layout validator expects every log to carry exactly two ascending tags.'),
      F(32, 'The storage quorum comes from the desired replication factor, not the team\'s size.'),
    ],
  },
  {
    title: 'Rules this simulator added (rules 18 … 20)',
    intro: 'Holes that random exploration of the rules above found; the reference protocol closes each, and the literal behaviour is a mutation.',
    ids: [
      { id: 'rule 18', meaning: 'Never wipe history a later director may need: a log a layout accepted by any coordinator relies on is never reused or replayed onto.' },
      { id: 'rule 19', meaning: 'No replica keeps or serves history that was never published: storage is unlocked only after publication, and a replica that missed a recovery is rolled back.' },
      { id: 'rule 20', meaning: 'Duplicated or retried requests never make a service act twice.' },
    ],
  },
  {
    title: 'Other sources',
    intro: 'Where a mutation or invariant comes from when it is not one of the ids above.',
    ids: [
      { id: '§4.4', meaning: 'Vacancy creation: the new logs are a fresh set every time; storage teams keep their old members and get vacancies only where short.' },
      { id: '§4.7', meaning: 'Storage recruitment: old storage servers are never assigned to vacancies, and team members are never removed.' },
      { id: 'seed 002', meaning: 'A design note on storage recruitment: every recruited storage server is locked before it enters the layout.' },
      { id: 'bug class', meaning: 'A kind of bug reported against the real system, reproduced here.' },
      { id: 'disks', meaning: 'The simulator\'s own disk model: appends not yet synced are lost in a crash.' },
      { id: 'sweep', meaning: 'A bug a sweep of random seeds found in this simulator\'s own protocol, fixed in the reference protocol.' },
      { id: 'checkers', meaning: 'The simulator\'s own rule that checkers judge from ground truth, never from what the system says of itself.' },
    ],
  },
];

export const SPEC_IDS: readonly SpecId[] = SPEC_GROUPS.flatMap((g) => g.ids);

/** `s12`, `S12`, `rule18`, `Rule 18`, `§4.4`. */
export function findSpecId(word: string): SpecId | undefined {
  const key = word.trim().toLowerCase().replace(/\s+/g, '');
  return SPEC_IDS.find((s) => s.id.toLowerCase().replace(/\s+/g, '') === key);
}

/** The ids in a printed spec or source string (`S2, S4, rule 18`, `§4.4 §4.7`). */
export function specIdsIn(text: string): string[] {
  return [...text.matchAll(/\b[SLF]\d+\b|rule \d+|§[\d.]*\d|seed \d+|bug class|disks|checkers|sweep/g)].map((m) => m[0]);
}
