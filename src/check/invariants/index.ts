import type { CheckerFactory, InvariantId } from '../types.js';
import { actsOnPromisedLayout } from './acts-on-promised-layout.js';
import { asksDoubtfulNodes } from './asks-doubtful-nodes.js';
import { epochMonotonic } from './epoch-monotonic.js';
import { fencing } from './fencing.js';
import { layoutOnlyLocked } from './layout-only-locked.js';
import { noAckedCommitLost } from './no-acked-commit-lost.js';
import { noOldLayoutReuse } from './no-old-layout-reuse.js';
import { noSplitBrain } from './no-split-brain.js';
import { oldGenerationsStop } from './old-generations-stop.js';
import { readsConsistent } from './reads-consistent.js';
import { recoveryCompletes } from './recovery-completes.js';
import { selectiveLocking } from './selective-locking.js';
import { storageConsistent } from './storage-consistent.js';
import { teamsReplicated } from './teams-replicated.js';

export interface InvariantInfo {
  readonly id: InvariantId;
  readonly spec: string;
  /** One line for people. */
  readonly meaning: string;
  /**
   * Safety: nothing bad ever happens (checked online). Progress: a rule without which recovery
   * wastes its time (checked online; it costs time, never data). Liveness: something good
   * happens once faults stop (judged at the checkpoint).
   */
  readonly kind: 'safety' | 'progress' | 'liveness';
  readonly create: CheckerFactory;
}

export const INVARIANTS: readonly InvariantInfo[] = [
  {
    id: 'no-split-brain',
    spec: 'S2, S4, S20, S21',
    meaning: 'One director and one published layout per epoch; no version acknowledged to clients by two generations, or above a newer generation\'s recovered history; a superseded director goes quiet.',
    kind: 'safety',
    create: noSplitBrain,
  },
  {
    id: 'layout-only-locked',
    spec: 'S6, S16, S17',
    meaning: 'A published layout lists only services whose disks show its own epoch\'s lock (and no higher one before it finished with them), and is well formed.',
    kind: 'safety',
    create: layoutOnlyLocked,
  },
  {
    id: 'no-old-layout-reuse',
    spec: 'S7, S9, rule 18',
    meaning: 'History a layout may still need is never wiped; vacancies are never filled with old-layout services; old storage members stay in their teams.',
    kind: 'safety',
    create: noOldLayoutReuse,
  },
  {
    id: 'selective-locking',
    spec: 'S8',
    meaning: 'Judged from the lock requests sent: the first phase locks only the old layout\'s services; anything else is locked only as recruitment, within the vacancies.',
    kind: 'safety',
    create: selectiveLocking,
  },
  {
    id: 'epoch-monotonic',
    spec: 'S1, S3, S22',
    meaning: 'Director epochs rise; a service never accepts a lower epoch; a coordinator\'s epoch never falls.',
    kind: 'safety',
    create: epochMonotonic,
  },
  {
    id: 'fencing',
    spec: 'S5',
    meaning: 'No service pushes, recovers or unlocks for a caller below its current epoch.',
    kind: 'safety',
    create: fencing,
  },
  {
    id: 'no-acked-commit-lost',
    spec: 'S12, S13',
    meaning: 'Every commit a client was told is committed survives, with the same writes, into every later published generation; published history is never rewritten.',
    kind: 'safety',
    create: noAckedCommitLost,
  },
  {
    id: 'storage-consistent',
    spec: 'S12, S14, rule 19',
    meaning: 'Every storage replica of the newest layout, down members included, holds exactly the committed writes at every version it has applied; a storage server outside its teams holds no uncommitted write a later recovery could not take back.',
    kind: 'safety',
    create: storageConsistent,
  },
  {
    id: 'reads-consistent',
    spec: 'S12, S14',
    meaning: 'Every client read sees, for each key, the last committed write at or below its read version, which is at least every version acknowledged before the read began.',
    kind: 'safety',
    create: readsConsistent,
  },
  {
    id: 'acts-on-promised-layout',
    spec: 'S19, S10',
    meaning: 'A director recovers from the layout its promise round returned: every new log copies from a log of that layout, once a majority of each of its shards\' logs answered the director\'s latest locks, and none starts a brand-new cluster over it.',
    kind: 'safety',
    create: actsOnPromisedLayout,
  },
  {
    id: 'asks-doubtful-nodes',
    spec: 'L2, F18',
    meaning: 'A director asks a node whether it is up before handing it a worker when the node gave it cause to doubt: the director\'s last worker request to it went unanswered, or its foreman stopped announcing itself to the director\'s coordinator. A creation on a dead node costs recovery its whole timeout.',
    kind: 'progress',
    create: asksDoubtfulNodes,
  },
  {
    id: 'teams-replicated',
    spec: '§4.4 §4.7',
    meaning: 'Once recovery has completed, every shard of the newest layout has at least R live replicas serving its generation with the whole history (replacements back-filled).',
    kind: 'liveness',
    create: teamsReplicated,
  },
  {
    id: 'old-generations-stop',
    spec: 'F27, L4',
    meaning: 'Once recovery has completed, no sequencer or commit proxy of an older generation or a failed attempt is still running or sending; only the newest layout\'s components act.',
    kind: 'liveness',
    create: oldGenerationsStop,
  },
  {
    id: 'recovery-completes',
    spec: 'L1, L4',
    meaning: 'Once faults stop, the newest layout is published and its director running within the bound, superseded directors have stopped, and from then on no new epoch starts and client commits keep being acknowledged.',
    kind: 'liveness',
    create: recoveryCompletes,
  },
];

export function invariantInfo(id: InvariantId): InvariantInfo {
  const info = INVARIANTS.find((i) => i.id === id);
  if (info === undefined) throw new Error(`unknown invariant ${id}`);
  return info;
}
