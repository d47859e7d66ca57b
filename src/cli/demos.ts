import { loadCatalog } from '../scenario/catalog.js';
import { ScenarioError, type LoadedScenario } from '../scenario/load.js';
import type { DemoSpec } from '../scenario/types.js';

/** A teaching demo: a bundled scenario with a `demo` block (its title, narration, conclusion). */
export interface Demo {
  readonly name: string;
  readonly loaded: LoadedScenario;
  readonly spec: DemoSpec;
}

/** The demos in their teaching order. A broken bundled file is a packaging bug, so it is an error. */
export function loadDemos(): Demo[] {
  const catalog = loadCatalog();
  if (catalog.broken.length > 0) throw new ScenarioError(catalog.broken.flatMap((b) => b.problems));
  return catalog.scenarios
    .flatMap((loaded) => (loaded.scenario.demo !== undefined ? [{ name: loaded.source, loaded, spec: loaded.scenario.demo }] : []))
    .sort((a, b) => a.spec.order - b.spec.order || (a.name < b.name ? -1 : 1));
}
