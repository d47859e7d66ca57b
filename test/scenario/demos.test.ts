import { describe, expect, it } from 'vitest';
import { createNarrator } from '../../src/cli/narrator.js';
import { loadDemos } from '../../src/cli/demos.js';
import { runScenario } from '../../src/runner/run.js';

/**
 * The demos tell stories about specific moments of a run. If the protocol model changes so a
 * moment no longer happens with the default seed, the narration would silently go missing:
 * every line of every demo must be said.
 */
describe('teaching demos', () => {
  const demos = loadDemos();

  it('the twelve demos are there, in teaching order', () => {
    expect(demos.map((d) => d.name)).toEqual([
      'bootstrap',
      'log-crash',
      'insufficient-nodes',
      'leader-isolated',
      'director-race',
      'shards-replica-lost',
      'dead-spares',
      'torn-tail',
      'bug-lock-all-available',
      'bug-recruit-old-layout',
      'bug-accept-stale-lock',
      'bug-no-fencing',
    ]);
  });

  it.each(demos.map((d) => [d.name, d] as const))('%s: every narration line is said with seed 1', (_name, demo) => {
    const said: string[] = [];
    const narrate = createNarrator(demo.spec.narration ?? []);
    runScenario(demo.loaded.scenario, {
      seed: 1,
      onEvent: (r) => {
        const line = narrate(r);
        if (line !== undefined) said.push(line);
      },
    });
    const missing = (demo.spec.narration ?? []).map((rule) => rule.say).filter((text) => !said.includes(text));
    expect(missing).toEqual([]);
  });
});
