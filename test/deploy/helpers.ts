import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { spawnCollect, type CliRun } from '../cli/helpers.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEPLOY = join(ROOT, 'deploy');

/** A YAML file of the repository as plain data (duplicate keys are an error, as for the engines). */
export function readYaml(path: string): unknown {
  return parse(readFileSync(join(ROOT, path), 'utf8'), { uniqueKeys: true, prettyErrors: true });
}

export type Ran = CliRun;

/** Run a command without a shell; `env` adds to (or, with undefined, removes from) the test's own. */
export function run(command: string, args: readonly string[], env: Record<string, string | undefined> = {}, cwd = ROOT): Promise<Ran> {
  return spawnCollect(command, args, { cwd, env: { ...process.env, ...env } });
}

/** A nested field of parsed YAML, or undefined when any step is missing. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
