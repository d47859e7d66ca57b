import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface Instruction {
  readonly op: string;
  readonly flags: Record<string, string>;
  /** The arguments: the JSON array of the exec form, else split on spaces. */
  readonly args: string[];
}

/** Docker's instruction syntax, as far as this Dockerfile uses it: comments, `\` continuations, `--flag=value`, exec form. */
function parseDockerfile(text: string): Instruction[] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      const flags: Record<string, string> = {};
      while (rest[0]?.startsWith('--') === true) {
        const [key = '', value = ''] = (rest.shift() as string).slice(2).split('=');
        flags[key] = value;
      }
      const body = rest.join(' ');
      const args = body.startsWith('[') ? (JSON.parse(body) as string[]) : rest;
      return { op: op.toUpperCase(), flags, args };
    });
}

/** The stages, each from its FROM to the next. */
function stages(all: Instruction[]): Instruction[][] {
  const out: Instruction[][] = [];
  for (const i of all) {
    if (i.op === 'FROM') out.push([]);
    out.at(-1)?.push(i);
  }
  return out;
}

/** A COPY source with `*` in its last part, as Docker expands it. */
function expand(source: string): string[] {
  if (!source.includes('*')) return existsSync(join(ROOT, source)) ? [source] : [];
  const dir = source.slice(0, source.lastIndexOf('/'));
  const pattern = new RegExp(`^${source.slice(dir.length + 1).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return readdirSync(join(ROOT, dir))
    .filter((name) => pattern.test(name))
    .map((name) => `${dir}/${name}`);
}

const all = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const [build = [], runtime = []] = stages(all);
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const copies = (stage: Instruction[]) => stage.filter((i) => i.op === 'COPY');
const sources = (stage: Instruction[]) => copies(stage).filter((i) => i.flags['from'] === undefined).flatMap((i) => i.args.slice(0, -1));

describe('the Dockerfile', () => {
  it('builds on Node 20 in two stages', () => {
    expect(stages(all)).toHaveLength(2);
    expect(build[0]?.args).toEqual(['node:20-bookworm-slim', 'AS', 'build']);
    expect(runtime[0]?.args).toEqual(['node:20-bookworm-slim']);
  });

  it('copies only what exists, and what .dockerignore lets through', () => {
    for (const source of [...sources(build), ...sources(runtime)]) {
      expect(expand(source), source).not.toEqual([]);
      expect(ignored, source).not.toContain(source.split('/')[0]);
    }
    // What `npm run build` compiles is all there before it runs.
    const include = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] }).include;
    expect(sources(build)).toEqual(expect.arrayContaining([...include, 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json']));
    const runs = build.filter((i) => i.op === 'RUN').map((i) => i.args.join(' '));
    expect(runs).toEqual(['npm ci --ignore-scripts', 'npm run build']);
  });

  it('ships production dependencies, the compiled code, the scenarios and the deploy scripts', () => {
    const runs = runtime.filter((i) => i.op === 'RUN').map((i) => i.args.join(' '));
    // --ignore-scripts: `prepare` would run the build, and the runtime has no TypeScript.
    expect(runs.some((r) => r.includes('npm ci') && r.includes('--omit=dev') && r.includes('--ignore-scripts'))).toBe(true);
    const fromBuild = copies(runtime).filter((i) => i.flags['from'] === 'build');
    expect(fromBuild.map((i) => i.args)).toEqual([['/app/dist', './dist']]);
    expect(sources(runtime)).toEqual(expect.arrayContaining(['package.json', 'bin', 'scenarios', 'deploy/*.sh']));
    expect(expand('deploy/*.sh')).toEqual(expect.arrayContaining(['deploy/sweep-shard.sh', 'deploy/merge-shards.sh', 'deploy/common.sh']));
    // What the package itself ships (package.json "files") is all in the image.
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    for (const f of files) expect(['dist', ...sources(runtime)]).toContain(f);
  });

  it('runs the CLI from /app as the non-root node user, with /out as a volume', () => {
    const last = (op: string) => runtime.filter((i) => i.op === op).at(-1)?.args;
    expect(last('WORKDIR')).toEqual(['/app']);
    expect(last('ENTRYPOINT')).toEqual(['node', 'bin/recovery-sim.js']);
    expect(existsSync(join(ROOT, 'bin/recovery-sim.js'))).toBe(true);
    expect(last('USER')).toEqual(['node']);
    expect(runtime.findIndex((i) => i.op === 'USER')).toBeGreaterThan(runtime.findLastIndex((i) => i.op === 'RUN'));
    expect(last('VOLUME')).toEqual(['/out']);
    // The Kubernetes jobs and the workflow call the scripts at /app/deploy.
    expect(copies(runtime).find((i) => i.args[0] === 'deploy/*.sh')?.args.at(-1)).toBe('./deploy/');
  });
});
