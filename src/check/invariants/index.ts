import type { CheckerFactory, InvariantId } from '../types.js';
import { epochMonotonic } from './epoch-monotonic.js';
import { fencing } from './fencing.js';
import { layoutOnlyLocked } from './layout-only-locked.js';
import { noAckedCommitLost } from './no-acked-commit-lost.js';
import { noOldLayoutReuse } from './no-old-layout-reuse.js';
import { noSplitBrain } from './no-split-brain.js';
import { recoveryCompletes } from './recovery-completes.js';
import { selectiveLocking } from './selective-locking.js';

export interface InvariantInfo {
  readonly id: InvariantId;
  readonly spec: string;
  /** One line for people. */
  readonly meaning: string;
  readonly kind: 'safety' | 'liveness';
  readonly create: CheckerFactory;
}

export const INVARIANTS: readonly InvariantInfo[] = [
  {
    id: 'no-split-brain',
    spec: 'S2, S4, S20, S21',
    meaning: 'One director and one published layout per epoch; no commit acknowledged outside a published generation; a superseded director goes quiet.',
    kind: 'safety',
    create: noSplitBrain,
  },
  {
    id: 'layout-only-locked',
    spec: 'S6, S16, S17',
    meaning: 'A completed or published layout lists only services locked by its own epoch, and is well formed.',
    kind: 'safety',
    create: layoutOnlyLocked,
  },
  {
    id: 'no-old-layout-reuse',
    spec: 'S7, S9',
    meaning: 'Vacancies are never filled with old-layout services; old storage members stay in their teams.',
    kind: 'safety',
    create: noOldLayoutReuse,
  },
  {
    id: 'selective-locking',
    spec: 'S8',
    meaning: 'The first phase locks only old-layout services; anything else is locked only once recruited.',
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
    meaning: 'Every acknowledged commit survives, with the same writes, into every later published generation.',
    kind: 'safety',
    create: noAckedCommitLost,
  },
  {
    id: 'recovery-completes',
    spec: 'L1, L4',
    meaning: 'Once faults stop, the newest layout is published and running within the bound, and superseded directors have stopped.',
    kind: 'liveness',
    create: recoveryCompletes,
  },
];

export function invariantInfo(id: InvariantId): InvariantInfo {
  const info = INVARIANTS.find((i) => i.id === id);
  if (info === undefined) throw new Error(`unknown invariant ${id}`);
  return info;
}
