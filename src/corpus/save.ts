import { join } from 'node:path';
import { sameMutations } from '../cluster/mutations.js';
import type { RunResult } from '../runner/result.js';
import type { LoadedScenario } from '../scenario/load.js';
import { aimedDraw } from '../scenario/resolve.js';
import { firstViolated, shrinkFailingSeed } from '../scenario/shrink-run.js';
import type { MessageOrdering, Scenario } from '../scenario/types.js';
import { entryId, type CorpusEntry } from './entry.js';
import { loadCorpus } from './load.js';

/** What a sweep that saves failures needs to know besides each run. */
export interface KeeperOptions {
  readonly dir: string;
  readonly loaded: LoadedScenario;
  /** The sweep that found them (`sweep random-faults seeds 1..2000`). */
  readonly by: string;
  readonly ordering?: MessageOrdering;
  /** No sweep writes more entries than this: thousands of files are a flood, not a corpus. */
  readonly limit?: number;
}

/** What the run must do from now on (see CorpusEntry.expect). */
export function expectationFor(scenario: Scenario, run: Pick<RunResult, 'mutations' | 'violations'>): CorpusEntry['expect'] {
  // A scenario's expectation is about its own switches: with others (--mutate), it says nothing.
  const own = sameMutations(run.mutations, scenario.mutations ?? []) ? scenario.expect : undefined;
  if (own !== undefined) return own.verdict === 'pass' ? { verdict: 'pass' } : { verdict: 'violation', ...(own.invariant !== undefined ? { invariant: own.invariant } : {}) };
  if (run.mutations.length === 0) return { verdict: 'pass' };
  const first = firstViolated(run);
  return { verdict: 'violation', ...(first !== undefined ? { invariant: first } : {}) };
}

/**
 * The scenario with the aimed triggers its seed drew written in: a trigger added to the swarm later
 * would change what the seed draws, and so the run the entry keeps. Every other draw comes from a
 * stream of its own, which the triggers do not move.
 */
export function withAimedPinned(scenario: Scenario, seed: number): Scenario {
  const aimed = scenario.faults?.aimed;
  const drawsAimed = aimed === undefined ? scenario.faults?.random !== undefined : typeof aimed === 'string';
  if (scenario.faults === undefined || !drawsAimed) return scenario;
  return { ...scenario, faults: { ...scenario.faults, aimed: aimedDraw(scenario, seed) ?? 'off' } };
}

/** A corpus entry for a failing run of `scenario` (as it was given, before resolution, with its aimed triggers pinned). */
export function buildEntry(o: { id: string; source: string; scenario: Scenario; run: RunResult; by: string; ordering?: MessageOrdering; shrunk?: Scenario }): CorpusEntry {
  const { $schema: _schema, ...given } = o.scenario as Scenario & { $schema?: string };
  const scenario = withAimedPinned(given, o.run.seed);
  return {
    id: o.id,
    source: o.source,
    scenario,
    seed: o.run.seed,
    mutations: o.run.mutations,
    ...(o.ordering !== undefined ? { ordering: o.ordering } : {}),
    expect: expectationFor(scenario, o.run),
    found: { by: o.by, verdict: o.run.verdict, violated: o.run.violated, traceHash: o.run.traceHash },
    ...(o.shrunk !== undefined ? { shrunk: o.shrunk } : {}),
    replay: o.run.replay,
  };
}

/** Deliberate bugs are caught over and over: one entry per scenario and switch set is enough. */
function classOf(o: { scenario: string; mutations: readonly string[]; ordering?: string | undefined }): string {
  return `${o.scenario}|${o.mutations.join('+')}|${o.ordering ?? ''}`;
}

/**
 * Chooses which failing runs of a sweep become corpus entries, and writes them once the sweep is
 * over. Every failure with no mutation is a protocol bug and is kept; a mutation's failures are
 * kept once per scenario and switch set, counting the entries the directory already holds.
 */
export class FailureKeeper {
  private readonly classes = new Set<string>();
  private readonly ids = new Set<string>();
  readonly chosen: RunResult[] = [];
  /** Failures not kept: their class is in the corpus already, or the limit was reached. */
  skipped = 0;

  constructor(private readonly o: KeeperOptions) {
    for (const { entry } of loadCorpus(o.dir)) {
      this.ids.add(entry.id);
      if (entry.mutations.length > 0) this.classes.add(classOf({ scenario: entry.scenario.name, mutations: entry.mutations, ordering: entry.ordering }));
    }
  }

  consider(run: RunResult): void {
    const id = this.idOf(run);
    const cls = classOf({ scenario: run.scenario, mutations: run.mutations, ordering: this.o.ordering });
    const repeat = this.ids.has(id) || (run.mutations.length > 0 && this.classes.has(cls));
    if (repeat || this.chosen.length >= (this.o.limit ?? 100)) {
      this.skipped++;
      return;
    }
    this.ids.add(id);
    if (run.mutations.length > 0) this.classes.add(cls);
    this.chosen.push(run);
  }

  private idOf(run: RunResult): string {
    return entryId({ scenario: run.scenario, seed: run.seed, mutations: run.mutations, ...(this.o.ordering !== undefined ? { ordering: this.o.ordering } : {}) });
  }

  /** The entry for a chosen run, shrunk when its failure is a violation whose plan can be cut down. */
  entryFor(run: RunResult): { entry: CorpusEntry; file: string; shrunkFrom?: number; shrunkTo?: number } {
    const id = this.idOf(run);
    const scenario = this.o.loaded.scenario;
    const ordering = this.o.ordering !== undefined ? { ordering: this.o.ordering } : {};
    let shrunk: Scenario | undefined;
    let counts: { shrunkFrom?: number; shrunkTo?: number } = {};
    if (run.verdict === 'violation') {
      const outcome = shrinkFailingSeed({ loaded: this.o.loaded, seed: run.seed, mutations: run.mutations, name: `${id}-shrunk`, ...ordering });
      if (outcome.kind === 'shrunk') {
        // The entry's `expect` judges both runs; the scripted scenario's own would only repeat it.
        const { expect: _expect, $schema: _s, ...rest } = outcome.scenario as Scenario & { $schema?: string };
        shrunk = rest;
        counts = { shrunkFrom: outcome.before, shrunkTo: outcome.after };
      }
    }
    const entry = buildEntry({ id, source: this.o.loaded.source, scenario, run, by: this.o.by, ...ordering, ...(shrunk !== undefined ? { shrunk } : {}) });
    return { entry, file: join(this.o.dir, `${id}.json`), ...counts };
  }
}
