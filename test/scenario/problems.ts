import { ScenarioError, validateScenario } from '../../src/scenario/load.js';

/** The validation problems of a scenario file's contents (none when it is valid). */
export function problems(data: unknown): string[] {
  try {
    validateScenario(data, 'x.json');
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
}
