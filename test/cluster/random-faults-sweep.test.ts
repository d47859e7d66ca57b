import { describe, it } from 'vitest';
import { sweepPasses } from './sweep-passes.js';

const FAULT_SEEDS = Number(process.env.RANDOM_FAULT_SEEDS ?? 80);

describe(`the default cluster under ${FAULT_SEEDS} random fault plans`, () => {
  it('always ends with a published layout, recovery completed, and no invariant violated', () => {
    sweepPasses('random-faults', FAULT_SEEDS, (seed) => `seed ${seed}`, 0.1);
    // Many whole runs in one test: minutes on a busy machine, so more than the default minute.
  }, 180_000);
});
