import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import YAML from 'yaml';
import { issueLines } from './issues.js';
import { baseName, SCENARIO_EXTENSIONS, scenarioFiles, scenariosDir } from './paths.js';
import { scenarioSchema } from './schema.js';
import type { Scenario } from './types.js';

/** A scenario that cannot be used: one line per problem, each naming the file and the field. */
export class ScenarioError extends Error {
  constructor(
    readonly problems: readonly string[],
    /** `missing`: no such file; `invalid`: the file exists but cannot be used as it is. */
    readonly kind: 'missing' | 'invalid' = 'invalid',
  ) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
  }
}

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Absolute path of the file. */
  readonly file: string;
  /** How to name it again on the command line (the bare name for bundled scenarios). */
  readonly source: string;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Parse JSON or YAML (by extension) into plain data; syntax errors become one clear line. */
function parseText(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    try {
      return YAML.parse(text, { prettyErrors: true });
    } catch (e) {
      const err = e as { message?: string; linePos?: { line: number; col: number }[] };
      const pos = err.linePos?.[0];
      const where = pos !== undefined ? `line ${pos.line}, column ${pos.col}: ` : '';
      const what = (err.message ?? String(e)).split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
      throw new ScenarioError([`${file}: invalid YAML: ${where}${what}`]);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position?.[1] !== undefined ? `${lineAndColumn(text, Number(position[1]))}: ` : '';
    throw new ScenarioError([`${file}: invalid JSON: ${where}${message.replace(/ in JSON at position \d+.*$/, '')}`]);
  }
}

function describeTop(data: unknown): string {
  if (data === null) return 'null';
  return Array.isArray(data) ? 'a list' : `a ${typeof data}`;
}

/** Validate parsed data as a scenario; `file` is only used to label the problems. */
export function validateScenario(data: unknown, file: string): Scenario {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError([`${file}: (top level): a scenario is an object with at least "name" and "cluster" (or "shape"), got ${describeTop(data)}`]);
  }
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ScenarioError(issueLines(file, result.error.issues));
  return result.data;
}

/** Read, parse and validate one scenario file. */
export function loadScenarioFile(path: string, source: string = path): LoadedScenario {
  const file = resolve(path);
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : (e as Error).message;
    throw new ScenarioError([`${shown}: ${why}`], code === 'ENOENT' ? 'missing' : 'invalid');
  }
  return { scenario: validateScenario(parseText(text, shown), shown), file, source };
}

/** A path as people typed it: relative to the current directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Names of the bundled scenarios (for listings and "did you mean"). */
export function bundledScenarioNames(): string[] {
  return scenarioFiles().map(baseName);
}

/**
 * Find a scenario by path (relative to the current directory) or by bare name, which is looked
 * up in the package's `scenarios/` (with .json, .yaml or .yml), wherever the command runs from.
 */
export function findScenario(nameOrPath: string): { file: string; source: string } {
  if (isFile(nameOrPath)) return { file: resolve(nameOrPath), source: nameOrPath };
  const bare = !/[\\/]/.test(nameOrPath);
  if (bare) {
    const stem = (SCENARIO_EXTENSIONS as readonly string[]).includes(extname(nameOrPath).toLowerCase()) ? baseName(nameOrPath) : nameOrPath;
    for (const ext of SCENARIO_EXTENSIONS) {
      const candidate = join(scenariosDir(), `${stem}${ext}`);
      if (existsSync(candidate)) return { file: candidate, source: stem };
    }
  }
  const names = bundledScenarioNames();
  throw new ScenarioError([
    `${nameOrPath}: no such scenario file${bare ? `, and no bundled scenario of that name` : ''}. Bundled scenarios: ${names.join(', ')} (or give a path to a .json/.yaml file)`,
  ], 'missing');
}

export function loadScenario(nameOrPath: string): LoadedScenario {
  const found = findScenario(nameOrPath);
  return loadScenarioFile(found.file, found.source);
}
