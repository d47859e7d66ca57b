import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BANNED = /Math\.random|Date\.now|performance\.now|setTimeout|setInterval|setImmediate|crypto\.random|\basync\b|\bawait\b/;

function sources(dir: string): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(sources(path));
    else if (path.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('determinism rules in simulated code', () => {
  for (const dir of ['sim', 'src/cluster']) {
    it(`${dir}/ uses no wall clock, real timers, global randomness or async code`, () => {
      const files = existsSync(dir) ? sources(dir) : [];
      const offending: string[] = [];
      for (const file of files) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, n) => {
            const code = line.replace(/\/\/.*$/, '').trim();
            if (code.startsWith('*') || code.startsWith('/*')) return;
            if (BANNED.test(code.replace(/'[^']*'|`[^`]*`/g, "''"))) offending.push(`${file}:${n + 1}: ${line.trim()}`);
          });
      }
      expect(offending).toEqual([]);
    });
  }
});
