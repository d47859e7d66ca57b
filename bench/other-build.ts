import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout (the root above `dist/`). */
export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The process that runs a build's seeds and prints their wall times and trace hashes. */
export const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'paired-child.js');

/**
 * The build `--against=<checkout>` names, for the sections that compare this build with another;
 * undefined (and a line saying what to do) when none is given or it is not built.
 */
export function otherBuild(): string | undefined {
  const against = process.argv.find((a) => a.startsWith('--against='))?.slice('--against='.length);
  if (against === undefined) {
    console.log('  give the other build with --against=<checkout> (a checkout of another commit, built with npm run build)');
    return undefined;
  }
  const other = resolve(against);
  if (!existsSync(join(other, 'dist', 'src', 'runner', 'run.js'))) {
    console.log(`  ${other} is not a built checkout (it has no dist/src/runner/run.js): check the path, and run npm run build there`);
    return undefined;
  }
  return other;
}
