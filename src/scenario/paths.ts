import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'recovery-sim';
export const SCENARIO_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;
export const SCHEMA_FILE = 'scenario.schema.json';

let root: string | undefined;

/**
 * The package's own directory, found by walking up from this module: the same answer from the
 * sources (tests) and from `dist/` (the binary), whatever the current directory is.
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return (root = dir);
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package directory above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The bundled scenarios (`scenarios/` in the package). */
export function scenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}

export function isScenarioFileName(name: string): boolean {
  return name !== SCHEMA_FILE && (SCENARIO_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** Scenario files directly in `dir` (not its subdirectories), sorted by name. */
export function scenarioFiles(dir: string = scenariosDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && isScenarioFileName(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** A file's name without directory and extension: `scenarios/log-crash.json` → `log-crash`. */
export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const ext = extname(name);
  return ext === '' ? name : name.slice(0, -ext.length);
}
