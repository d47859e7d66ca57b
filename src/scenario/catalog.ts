import { loadScenarioFile, ScenarioError, type LoadedScenario } from './load.js';
import { baseName, scenarioFiles, scenariosDir } from './paths.js';

/** The bundled scenarios, loaded; files that fail validation are kept apart with their problems. */
export interface Catalog {
  readonly scenarios: readonly LoadedScenario[];
  readonly broken: readonly ScenarioError[];
}

export function loadCatalog(dir: string = scenariosDir()): Catalog {
  const scenarios: LoadedScenario[] = [];
  const broken: ScenarioError[] = [];
  for (const file of scenarioFiles(dir)) {
    try {
      scenarios.push(loadScenarioFile(file, baseName(file)));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      broken.push(e);
    }
  }
  return { scenarios, broken };
}
