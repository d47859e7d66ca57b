import fc from 'fast-check';

// FC_RUNS scales every property (CI and people can ask for deeper runs); FC_SEED pins one.
const runs = process.env.FC_RUNS === undefined ? undefined : Number(process.env.FC_RUNS);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

fc.configureGlobal({
  ...(runs !== undefined && Number.isFinite(runs) ? { numRuns: runs } : {}),
  ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
});
