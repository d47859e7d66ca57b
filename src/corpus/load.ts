import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MutationId } from '../cluster/mutations.js';
import type { InvariantId } from '../check/types.js';
import { ScenarioError, validateScenario } from '../scenario/load.js';
import type { MessageOrdering } from '../scenario/types.js';
import { corpusEntrySchema, type CorpusEntry } from './entry.js';

export interface LoadedEntry {
  readonly entry: CorpusEntry;
  /** The file it came from, as given (relative to the working directory when the directory was). */
  readonly file: string;
}

/** The `.json` files of a corpus directory, in name order (a listing's order is the file system's). */
export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** Read and check one entry; every problem names the file and the field. */
export function loadEntry(file: string): CorpusEntry {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ScenarioError([`${file}: not a corpus entry: ${(e as Error).message.split('\n')[0] ?? ''}`]);
  }
  const parsed = corpusEntrySchema.safeParse(data);
  if (!parsed.success) {
    throw new ScenarioError(parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top level)'}: ${i.message}`));
  }
  const { shrunk: _raw, ...e } = parsed.data;
  const scenario = validateScenario(e.scenario, `${file} (scenario)`);
  const shrunk = parsed.data.shrunk !== undefined ? validateScenario(parsed.data.shrunk, `${file} (shrunk)`) : undefined;
  const expected = file.split(/[\\/]/).pop()?.replace(/\.json$/, '');
  if (expected !== e.id) throw new ScenarioError([`${file}: id: "${e.id}" differs from the file's name; rename the file to ${e.id}.json or set "id": "${expected ?? ''}"`]);
  return {
    ...e,
    scenario,
    mutations: e.mutations as MutationId[],
    ...(e.ordering !== undefined ? { ordering: e.ordering as MessageOrdering } : {}),
    expect: e.expect.verdict === 'pass' ? { verdict: 'pass' } : { verdict: 'violation', ...(e.expect.invariant !== undefined ? { invariant: e.expect.invariant as InvariantId } : {}) },
    found: { ...e.found, violated: e.found.violated as InvariantId[] },
    ...(shrunk !== undefined ? { shrunk } : {}),
  };
}

/** Every entry of a directory; a missing directory is an empty corpus. */
export function loadCorpus(dir: string): LoadedEntry[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new ScenarioError([`${dir}: not a directory: a corpus is a directory of .json entries`]);
  return corpusFiles(dir).map((file) => ({ entry: loadEntry(file), file }));
}
