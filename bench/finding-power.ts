import { availableParallelism } from 'node:os';
import { Chalk } from 'chalk';
import { POWER_SCENARIOS } from '../src/cli/commands/power.js';
import { measureFindingPower, powerRunCount } from '../src/cli/power-sweep.js';
import { MUTATION_IDS } from '../src/cluster/mutations.js';
import { powerSubjects } from '../src/report/finding-power.js';
import { powerTableLines } from '../src/report/finding-power-table.js';
import { loadScenario } from '../src/scenario/load.js';
import { elapsedMs } from './measure.js';

/**
 * Finding power over a short range: how often, and how soon, each mutation is caught by the swarm
 * scenarios. A sweep of the whole range is `recovery-sim power`; this keeps a figure per change
 * in the bench output. BENCH_POWER_SEEDS sets the seeds per mutation and scenario.
 */
function line(label: string, value: string, note = ''): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(16)}   ${note}`);
}

export async function powerSection(): Promise<void> {
  const asked = Number(process.env['BENCH_POWER_SEEDS'] ?? 30);
  const count = Number.isInteger(asked) && asked > 0 ? asked : 30;
  const seeds = { first: 1, last: count };
  const jobs = availableParallelism();
  const scenarios = POWER_SCENARIOS.map(loadScenario);
  const subjects = powerSubjects(MUTATION_IDS);
  const runs = powerRunCount({ subjects, scenarios, seeds });
  console.log(`\nFinding power: every mutation over seeds 1..${count} of ${POWER_SCENARIOS.join(' and ')}, ${jobs} jobs`);
  const start = process.hrtime.bigint();
  const rows = await measureFindingPower({ subjects, scenarios, seeds, jobs });
  const wallMs = elapsedMs(start);
  line('runs', String(runs));
  line('wall time', `${(wallMs / 1000).toFixed(1)} s`, `${((runs * 1000) / wallMs).toFixed(1)} runs/s`);
  const table = powerTableLines(rows, { scenarios: POWER_SCENARIOS, seeds, jobs, wallMs }, new Chalk({ level: 0 }));
  for (const text of table) console.log(`  ${text}`);
}
