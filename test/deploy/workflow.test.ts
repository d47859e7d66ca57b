import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, at, readYaml, run } from './helpers.js';

const FILE = 'deploy/github-actions/nightly-sweep.yml';
const text = readFileSync(join(ROOT, FILE), 'utf8');
const wf = readYaml(FILE);

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}
const steps = (job: string): Step[] => (at(wf, 'jobs', job, 'steps') as Step[] | undefined) ?? [];
const uses = (job: string, action: string): Step[] => steps(job).filter((s) => s.uses?.split('@')[0] === action);

/**
 * GitHub's own workflow parser (the one behind its editor support), as a validator. It imports its
 * schema JSON without `with { type: 'json' }`, which bundlers accept and Node refuses; a loader hook
 * adds the attribute for that package's JSON files only.
 */
let parser: Promise<typeof import('@actions/workflow-parser')> | undefined;
function workflowParser() {
  if (parser === undefined) {
    register(
      'data:text/javascript,' +
        encodeURIComponent(`export async function load(url, context, next) {
          if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) return next(url, { ...context, importAttributes: { type: 'json' } });
          return next(url, context);
        }`),
    );
    parser = import('@actions/workflow-parser');
  }
  return parser;
}

async function validate(content: string): Promise<string[]> {
  const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await workflowParser();
  const parsed = parseWorkflow({ name: 'nightly-sweep.yml', content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value === undefined) return errors;
  // Conversion checks what the schema cannot: job ids, needs, matrix shape.
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return [...new Set([...errors, ...(template.errors ?? []).map((e) => e.Message)])];
}

describe('the nightly sweep workflow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid for GitHub Actions, and the validator does reject a broken copy', async () => {
    expect(await validate(text)).toEqual([]);
    // An unknown key and a context the matrix cannot see; a job that does not exist.
    const broken = text.replace('fail-fast: false', 'fail_fast: false').replace('fromJSON(needs.build.outputs.shards)', 'fromJSON(env.SHARDS)');
    const errors = (await validate(broken)).join('\n');
    expect(errors).toMatch(/Unexpected value 'fail_fast'/);
    expect(errors).toMatch(/Unrecognized named-value: 'env'/);
    expect(await validate(text.replace('needs: [build, shards]', 'needs: [build, shard]'))).toEqual([expect.stringMatching(/unknown job 'shard'/)]);
  });

  it('runs nightly and by hand, and a hand run with the defaults is the nightly run', () => {
    expect(at(wf, 'on', 'schedule', 0, 'cron')).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    const inputs = at(wf, 'on', 'workflow_dispatch', 'inputs') as Record<string, { default: string }>;
    expect(Object.keys(inputs).sort()).toEqual(['for', 'scenario', 'seeds', 'shards']);
    const env = at(wf, 'env') as Record<string, string>;
    for (const [name, input] of Object.entries(inputs)) {
      expect(env[name.toUpperCase()]).toBe(`\${{ inputs.${name} || '${input.default}' }}`);
    }
  });

  it('shards after the build, one job per index 1..SHARDS, each uploading its own artifact', async () => {
    expect(at(wf, 'jobs', 'shards', 'needs')).toBe('build');
    expect(at(wf, 'jobs', 'shards', 'strategy', 'fail-fast')).toBe(false);
    expect(at(wf, 'jobs', 'shards', 'strategy', 'matrix', 'shard')).toBe('${{ fromJSON(needs.build.outputs.shards) }}');
    expect(at(wf, 'jobs', 'build', 'outputs', 'shards')).toBe('${{ steps.matrix.outputs.shards }}');

    // The step that makes the matrix, run as the runner would: 1..N, and bad counts refused.
    const script = steps('build').find((s) => s.id === 'matrix')?.run ?? '';
    const matrix = async (shards: string) => {
      const out = join(dir, `out-${shards || 'empty'}`);
      const r = await run('bash', ['-eo', 'pipefail', '-c', script], { SHARDS: shards, GITHUB_OUTPUT: out });
      return { code: r.code, out: existsSync(out) ? readFileSync(out, 'utf8') : '' };
    };
    expect(await matrix('3')).toEqual({ code: 0, out: 'shards=[1,2,3]\n' });
    expect((await matrix('12')).out).toBe(`shards=[${Array.from({ length: 12 }, (_, i) => i + 1).join(',')}]\n`);
    for (const bad of ['0', '257', 'x', '']) expect((await matrix(bad)).code).toBe(2);

    const sweep = steps('shards').find((s) => s.run?.includes('deploy/sweep-shard.sh'));
    expect(sweep?.env).toMatchObject({ SHARD_INDEX: '${{ matrix.shard }}', OUT_DIR: 'out' });
    const [upload] = uses('shards', 'actions/upload-artifact');
    expect(upload?.uses).toBe('actions/upload-artifact@v4');
    expect(upload?.if).toBe('always()');
    expect(upload?.with).toMatchObject({ name: 'sweep-shard-${{ matrix.shard }}', path: 'out/' });
    // The shards run what build compiled.
    expect(uses('build', 'actions/upload-artifact')[0]?.with).toMatchObject({ name: 'dist', path: 'dist/' });
    expect(uses('shards', 'actions/download-artifact')[0]?.with).toMatchObject({ name: 'dist', path: 'dist' });
  });

  it('merges after every shard, even failed ones, from all the shard artifacts', () => {
    expect(at(wf, 'jobs', 'merge', 'needs')).toEqual(expect.arrayContaining(['shards']));
    expect(at(wf, 'jobs', 'merge', 'if')).toMatch(/^always\(\)/);
    const downloads = uses('merge', 'actions/download-artifact');
    expect(downloads.every((d) => d.uses === 'actions/download-artifact@v4')).toBe(true);
    const shardFiles = downloads.find((d) => d.with?.['pattern'] !== undefined)?.with;
    expect(shardFiles).toMatchObject({ 'merge-multiple': true, path: 'out' });
    // The pattern matches every shard's artifact name and not the compiled code's.
    const pattern = new RegExp(`^${String(shardFiles?.['pattern']).replace(/\*/g, '.*')}$`);
    const name = String(uses('shards', 'actions/upload-artifact')[0]?.with?.['name']);
    for (const i of [1, 2, 20]) expect(name.replace('${{ matrix.shard }}', String(i))).toMatch(pattern);
    expect('dist').not.toMatch(pattern);

    expect(steps('merge').find((s) => s.run?.includes('deploy/merge-shards.sh'))?.env).toMatchObject({ OUT_DIR: 'out' });
    const upload = uses('merge', 'actions/upload-artifact')[0];
    expect(upload?.if).toBe('always()');
    expect(String(upload?.with?.['path'])).toMatch(/out\/merged\.jsonl[\s\S]*out\/corpus\//);
  });

  it('runs only scripts that exist, with bash', () => {
    const scripts = Object.keys(at(wf, 'jobs') as object).flatMap((job) => steps(job).flatMap((s) => [...(s.run ?? '').matchAll(/(?:^|\s)((?:\.\/)?deploy\/[\w./-]+)/g)].map((m) => m[1] as string)));
    expect(new Set(scripts)).toEqual(new Set(['deploy/sweep-shard.sh', 'deploy/merge-shards.sh']));
    for (const script of scripts) expect(existsSync(join(ROOT, script)), script).toBe(true);
    // They need bash (arrays), which a plain `sh` may not be.
    expect(text).not.toMatch(/(^|[\s:])sh deploy\//m);
  });
});
