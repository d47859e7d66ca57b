import { describe, it } from 'vitest';
import { sweepPasses } from './sweep-passes.js';

const SHAPE_SEEDS = Number(process.env.RANDOM_SHAPE_SEEDS ?? 32);

describe(`${SHAPE_SEEDS} cluster shapes drawn from the seed, each under a random fault plan`, () => {
  it('always ends with a published layout, recovery completed, and no invariant violated', () => {
    // The shape is part of a failure: it is what differs from seed to seed. A small shape (one or
    // two logs per group, or R below 3) cannot survive one node lost for good or wiped, so more of
    // its runs leave liveness unjudged; their safety is judged all the same.
    sweepPasses('random-shapes', SHAPE_SEEDS, (seed, shape) => `seed ${seed} (${JSON.stringify(shape)})`, 0.2);
    // Many whole runs in one test: minutes on a busy machine, so more than the default minute.
  }, 180_000);
});
