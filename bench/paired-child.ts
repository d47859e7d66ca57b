/**
 * One process of a paired measurement: run a scenario's seeds with the build at `root` (this
 * checkout's or another's `dist/`), and print each run's wall time and trace hash as JSON.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Runner {
  runScenario(scenario: unknown, options: { seed: number }): { traceHash: string };
}
interface Loader {
  loadScenario(name: string): { scenario: unknown };
}

const [root = '.', name = 'log-crash', runsArg = '20', warmArg = '8'] = process.argv.slice(2);
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(root, 'dist', path)).href)) as T;
const { runScenario } = await load<Runner>('src/runner/run.js');
const { loadScenario } = await load<Loader>('src/scenario/load.js');
const { scenario } = loadScenario(name);
for (let seed = 1; seed <= Number(warmArg); seed++) runScenario(scenario, { seed });
const ms: number[] = [];
const hashes: string[] = [];
for (let seed = 1; seed <= Number(runsArg); seed++) {
  const start = process.hrtime.bigint();
  hashes.push(runScenario(scenario, { seed }).traceHash);
  ms.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(JSON.stringify({ ms, hashes }));
