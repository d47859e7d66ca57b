import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `unit` is what `npm test` runs (including a short property run); `property` is the deep run
// (`npm run test:deep`, scaled by FC_RUNS, with the `*.deep.test.ts` files such as the corpus's
// shrunk forms); `e2e` drives the HTML report in a real browser.
export default defineConfig({
  test: {
    // Vitest leaves one core free by default, which on a two-core machine runs the files one by one.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/**/*.deep.test.ts'],
          setupFiles: ['test/setup/fast-check.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'property',
          include: ['test/property/**/*.test.ts', 'test/mutation/**/*.test.ts', 'test/**/*.deep.test.ts'],
          setupFiles: ['test/setup/fast-check.ts'],
          isolate: false,
          testTimeout: 1_800_000,
          env: { FC_RUNS: process.env.FC_RUNS ?? '1000', DEEP: '1' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
