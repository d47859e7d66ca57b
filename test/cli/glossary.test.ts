import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../src/check/invariants/index.js';
import { MUTATIONS, MUTATION_IDS } from '../../src/cluster/mutations.js';
import { loadDemos } from '../../src/cli/demos.js';
import { glossaryMarkdown, withSpecIds } from '../../src/report/docs-text.js';
import { findTerm, GLOSSARY, glossaryNames, termKey } from '../../src/report/glossary.js';
import { findSpecId, specIdsIn } from '../../src/report/spec-ids.js';
import { bundledScenarioNames } from '../../src/scenario/load.js';
import { cli, ROOT } from './helpers.js';

const doc = (name: string): string => readFileSync(join(ROOT, 'docs', name), 'utf8');

describe.concurrent('recovery-sim explain glossary, explain <term>, explain split-brain', () => {
  it('explain glossary prints every term with its paragraph', async () => {
    const r = await cli(['explain', 'glossary']);
    expect(r.code).toBe(0);
    for (const entry of GLOSSARY) {
      expect(r.stdout).toMatch(new RegExp(`^${entry.term}( \\(also: [^)]*\\))?$`, 'm'));
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(entry.text.replace(/\s+/g, ' '));
    }
  });

  it('explain <term> finds a term by its name, an abbreviation or the words the timeline prints', async () => {
    const cases: [string, RegExp][] = [
      ['epoch', /^epoch: The number that orders directors/],
      ['TSL', /^layout: The transaction system layout/],
      ['rv', /^recovery-version: /],
      ['newer_epoch_exists', /^newer-epoch-exists: /],
      ['path: data', /^data-path: /],
      ['component_failure', /^component-failure: /],
      ['team', /^team: /],
      ['durable', /^durable-version: [\s\S]*recovery version/],
    ];
    const runs = await Promise.all(cases.map(([term]) => cli(['explain', term])));
    runs.forEach((r, k) => {
      expect(r.code, cases[k]?.[0]).toBe(0);
      expect(r.stdout, cases[k]?.[0]).toMatch(cases[k]?.[1] as RegExp);
    });
  });

  it('a term that is also an invariant or a scenario gets both', async () => {
    const r = await cli(['explain', 'fencing']);
    expect(r.stdout).toMatch(/^Invariant fencing \(S5, a safety property\)/);
    expect(r.stdout).toMatch(/^fencing: A locked log refuses pushes/m);
  });

  it('an unknown term: a did-you-mean and exit 2', async () => {
    const [typo, nothing] = await Promise.all([cli(['explain', 'epoc']), cli(['explain', 'xyzzy-nothing'])]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/nothing called "epoc" to explain\. Did you mean "epoch"\?/);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).not.toMatch(/Did you mean/);
  });

  it('explain split-brain: locking, fencing and publish-by-majority, with what shows each', async () => {
    const r = await cli(['explain', 'split-brain']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/1\. Epochs and locking order the directors\..*2\. Fencing stops the old generation\..*3\. Publishing by majority makes one layout the truth\./);
    const demos = new Set(loadDemos().map((d) => d.name));
    const scenarios = new Set(bundledScenarioNames());
    const named = [...text.matchAll(/recovery-sim (demo|run) ([\w-]+)/g)];
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const [, how, name] of named) expect(how === 'demo' ? demos.has(name as string) : scenarios.has(name as string), `${how} ${name}`).toBe(true);
    expect(text).toMatch(/no-split-brain/);
  });

  it('explain S12 (and F9, rule 18): the spec id\'s meaning and what checks it', async () => {
    const [s12, f9] = await Promise.all([cli(['explain', 'S12']), cli(['explain', 'f9'])]);
    expect(s12.stdout).toMatch(/^S12: No acknowledged commit is lost[\s\S]*checked by no-acked-commit-lost/);
    expect(f9.stdout).toMatch(/^F9: A locked log still accepts pushes[\s\S]*mutations? no-fencing/);
  });
});

describe('the glossary and the protocol notes ship in docs/', () => {
  it('docs/glossary.md is generated from the same source as explain glossary', () => {
    expect(doc('glossary.md')).toBe(glossaryMarkdown());
  });

  it('docs/protocol.md lists every spec id, as generated', () => {
    const protocol = doc('protocol.md');
    expect(protocol).toBe(withSpecIds(protocol));
  });

  it('every id the tool prints (invariant specs, mutation sources) has a meaning in docs/protocol.md', () => {
    const printed = [...INVARIANTS.map((i) => i.spec), ...MUTATION_IDS.map((m) => MUTATIONS[m].source)].flatMap(specIdsIn);
    expect(printed.length).toBeGreaterThan(40);
    const protocol = doc('protocol.md');
    for (const id of new Set(printed)) {
      expect(findSpecId(id), id).toBeDefined();
      expect(protocol, id).toContain(`| ${id} | `);
    }
  });

  it('links stay inside the repository', () => {
    for (const name of ['protocol.md', 'glossary.md']) {
      const text = doc(name);
      expect(text, name).not.toMatch(/https?:\/\//);
      expect(text, name).not.toMatch(/\.\.\/shared|\]\(\.\.\/\.\./);
      for (const [, target] of text.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) expect(readFileSync(join(ROOT, 'docs', target as string), 'utf8').length, target).toBeGreaterThan(0);
    }
  });

  it('terms find one entry each, and the demos they name exist', () => {
    const names = glossaryNames();
    const demos = new Set(loadDemos().map((d) => d.name));
    for (const name of names) expect(findTerm(name), name).toBeDefined();
    const owner = new Map<string, string>();
    for (const entry of GLOSSARY) {
      for (const name of [entry.term, ...(entry.aliases ?? [])]) {
        expect(owner.get(termKey(name)) ?? entry.term, `"${name}" names two terms`).toBe(entry.term);
        owner.set(termKey(name), entry.term);
      }
    }
    for (const entry of GLOSSARY) for (const demo of entry.shownIn ?? []) expect(demos.has(demo), `${entry.term}: demo ${demo}`).toBe(true);
  });
});
