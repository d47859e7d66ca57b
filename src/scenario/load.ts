import { existsSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { formatPath, issueLines } from './issues.js';
import { jsonSyntaxError } from './json-syntax.js';
import { parseYaml } from './parse-yaml.js';
import { baseName, SCENARIO_EXTENSIONS, scenarioFiles, scenariosDir } from './paths.js';
import { plain } from './quote.js';
import { readScenarioText } from './read-file.js';
import { ScenarioError } from './scenario-error.js';
import { scenarioSchema } from './schema.js';
import { structureProblems } from './structure.js';
import type { Scenario } from './types.js';

export { ScenarioError } from './scenario-error.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Absolute path of the file. */
  readonly file: string;
  /** How to name it again on the command line (the bare name for bundled scenarios). */
  readonly source: string;
}

function lineAndColumn(text: string, position: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${position - start + 1}`;
}

/** Parse JSON or YAML (by extension) into plain data; a syntax error becomes one clear line. */
function parseText(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    const parsed = parseYaml(text);
    if (!parsed.ok) throw new ScenarioError([`${file}: invalid YAML: ${parsed.problem}`]);
    return parsed.data;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // V8 names few positions and quotes the file raw: find the spot ourselves.
    const found = jsonSyntaxError(text);
    if (found === undefined) throw new ScenarioError([`${file}: invalid JSON: ${plain((e as Error).message.split('\n')[0] ?? '', 200)}`]);
    throw new ScenarioError([`${file}: invalid JSON: ${lineAndColumn(text, found.offset)}: ${found.problem}`]);
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
  const oversized = structureProblems(data);
  if (oversized.length > 0) throw new ScenarioError(oversized.map((p) => `${file}: ${formatPath(p.path)}: ${p.message}`));
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ScenarioError(issueLines(file, result.error.issues));
  return result.data;
}

/** Read, parse and validate one scenario file. */
export function loadScenarioFile(path: string, source: string = path): LoadedScenario {
  const file = resolve(path);
  const shown = plain(displayPath(file));
  const text = readScenarioText(file, shown);
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

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Find a scenario by path (relative to the current directory) or by bare name, which is looked
 * up in the package's `scenarios/` (with .json, .yaml or .yml), wherever the command runs from.
 * A path that exists but is no file (a directory) is returned too: loading it says what it is.
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
  if (nameOrPath !== '' && exists(nameOrPath)) return { file: resolve(nameOrPath), source: nameOrPath };
  const names = bundledScenarioNames();
  throw new ScenarioError([
    `${plain(nameOrPath)}: no such scenario file${bare ? `, and no bundled scenario of that name` : ''}. Bundled scenarios: ${names.join(', ')} (or give a path to a .json/.yaml file)`,
  ], 'missing');
}

export function loadScenario(nameOrPath: string): LoadedScenario {
  const found = findScenario(nameOrPath);
  return loadScenarioFile(found.file, found.source);
}
