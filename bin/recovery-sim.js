#!/usr/bin/env node
// The CLI is written in TypeScript and compiled to dist/ by `npm ci` (the `prepare` script).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('recovery-sim is not built yet: run `npm ci` (or `npm run build`) in the repository first.\n');
  process.exit(2);
}
const { main: run } = await import(main);
process.exitCode = await run(process.argv.slice(2));
