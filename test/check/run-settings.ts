import type { RunSettings } from '../../src/check/types.js';

/** A run's settings for checker tests: one coordinator on n1, nothing timed; override what a test is about. */
export function runSettings(overrides: Partial<RunSettings> = {}): RunSettings {
  return {
    coordinators: ['coordinator@n1'],
    desiredLogs: 1,
    replicationFactor: 1,
    shards: 1,
    logGroups: 1,
    storageServers: 0,
    replicationFactorAt: () => overrides.replicationFactor ?? 1,
    capableNodes: { log: ['n2'], storage: ['n1'] },
    quietAtMs: 0,
    livenessBoundMs: 0,
    registerIntervalMs: 1000,
    workloadStopMs: 0,
    expectedCommitsPerSec: 0,
    durationMs: 0,
    ...overrides,
  };
}
