import fc from 'fast-check';

// FC_RUNS scales every property (CI and people can ask for deeper runs); FC_SEED pins one.
// `npm test` pins a seed by default so CI is reproducible; the deep run (DEEP=1) explores new
// seeds each time unless FC_SEED is given. A failure always prints its seed and path.
const DEFAULT_SEED = 20261123;
const runs = process.env.FC_RUNS === undefined ? undefined : Number(process.env.FC_RUNS);
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.DEEP === '1' ? undefined : DEFAULT_SEED;

fc.configureGlobal({
  ...(runs !== undefined && Number.isFinite(runs) ? { numRuns: runs } : {}),
  ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
});
