import type { GroundTruth } from '../../src/check/types.js';

/** Ground truth for checker tests: no log, storage server or coordinator has a disk (override what a test writes). */
export const NO_DISKS: GroundTruth = {
  log: () => undefined,
  logEntries: () => undefined,
  storage: () => undefined,
  logState: () => undefined,
  storageState: () => undefined,
  recordsOf: () => [],
  coordinator: () => undefined,
};
