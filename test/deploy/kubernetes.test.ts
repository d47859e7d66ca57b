import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { ROOT, at, readYaml, run } from './helpers.js';

const DIR = 'deploy/kubernetes';
const pvc = readYaml(`${DIR}/pvc.yaml`);
const sweep = readYaml(`${DIR}/sweep-job.yaml`);
const merge = readYaml(`${DIR}/merge-job.yaml`);

interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly resourceFieldRef?: { readonly containerName?: string; readonly resource: string } };
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly command: string[];
  readonly env: EnvVar[];
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
  readonly volumeMounts: { readonly name: string; readonly mountPath: string }[];
}
const container = (job: unknown): Container => at(job, 'spec', 'template', 'spec', 'containers', 0) as Container;
const env = (job: unknown): Record<string, string | undefined> => Object.fromEntries(container(job).env.map((e) => [e.name, e.value]));

/** Kubernetes quantities as numbers: cores ('4', '500m') and MiB ('1536Mi', '2Gi'). */
const cores = (q: string): number => (q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q));
const mib = (q: string): number => Number(q.replace(/(Mi|Gi)$/, '')) * (q.endsWith('Gi') ? 1024 : 1);

describe('the Kubernetes manifests', () => {
  it('are valid Kubernetes objects', () => {
    // kubernetes-models checks types, required fields and enums (it lets unknown fields through,
    // hence the checks of the fields that matter below, at their exact paths).
    expect(() => new PersistentVolumeClaim(pvc as object).validate()).not.toThrow();
    expect(() => new Job(sweep as object).validate()).not.toThrow();
    expect(() => new Job(merge as object).validate()).not.toThrow();
    const misspelt: object = { ...(sweep as object), spec: { ...(at(sweep, 'spec') as object), completionMode: 'indexed' } };
    expect(() => new Job(misspelt).validate()).toThrow(/completionMode/);
  });

  it('run one pod per shard, numbered as the shard script expects', () => {
    const spec = at(sweep, 'spec') as Record<string, unknown>;
    expect(spec['completionMode']).toBe('Indexed');
    expect(spec['completions']).toBe(Number(env(sweep)['SHARDS']));
    expect(spec['parallelism']).toBeLessThanOrEqual(spec['completions'] as number);
    // Per-index retries and pod failure policies need pods that are not restarted in place.
    expect(at(sweep, 'spec', 'template', 'spec', 'restartPolicy')).toBe('Never');
    expect(spec['backoffLimitPerIndex'] ?? spec['backoffLimit']).toBeGreaterThanOrEqual(0);
    const c = container(sweep);
    expect(c.command).toEqual(['bash', '/app/deploy/sweep-shard.sh']);
    expect(c.env.some((e) => e.name === 'SHARD_INDEX')).toBe(false);
    expect(Object.keys(env(sweep))).toEqual(expect.arrayContaining(['SCENARIO', 'SEEDS', 'SHARDS', 'OUT_DIR']));
    // Bad input and internal errors are not retried; the rule names the real container.
    const rule = at(spec, 'podFailurePolicy', 'rules', 0) as { action: string; onExitCodes: { containerName: string; values: number[] } };
    expect(rule.action).toBe('FailIndex');
    expect(rule.onExitCodes.containerName).toBe(c.name);
    expect(rule.onExitCodes.values).toEqual([2, 3]);
  });

  it('give each worker thread a core and about 300 MiB', () => {
    const c = container(sweep);
    const jobs = c.env.find((e) => e.name === 'JOBS')?.valueFrom?.resourceFieldRef;
    expect(jobs).toMatchObject({ containerName: c.name, resource: 'limits.cpu' });
    const threads = cores(c.resources.limits['cpu'] ?? '0');
    expect(threads).toBeGreaterThanOrEqual(1);
    expect(mib(c.resources.requests['memory'] ?? '0')).toBeGreaterThanOrEqual(300 * threads);
    expect(mib(c.resources.limits['memory'] ?? '0')).toBeGreaterThanOrEqual(mib(c.resources.requests['memory'] ?? '0'));
  });

  it('share one ReadWriteMany volume at OUT_DIR, and merge what the sweep wrote', () => {
    expect(at(pvc, 'spec', 'accessModes')).toContain('ReadWriteMany');
    const claim = at(pvc, 'metadata', 'name');
    for (const job of [sweep, merge]) {
      const c = container(job);
      const volumes = at(job, 'spec', 'template', 'spec', 'volumes') as { name: string; persistentVolumeClaim: { claimName: string } }[];
      const mount = c.volumeMounts.find((m) => m.mountPath === env(job)['OUT_DIR']);
      expect(volumes.find((v) => v.name === mount?.name)?.persistentVolumeClaim.claimName).toBe(claim);
      // The image's user (node, 1000) can write to the volume.
      expect(at(job, 'spec', 'template', 'spec', 'securityContext')).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    }
    expect(container(merge).command).toEqual(['bash', '/app/deploy/merge-shards.sh']);
    expect(container(merge).image).toBe(container(sweep).image);
    for (const name of ['SHARDS', 'FOR']) expect(env(merge)[name]).toBe(env(sweep)[name]);
  });

  it('run.sh applies these files, waits on these jobs, and is valid bash', async () => {
    const script = readFileSync(join(ROOT, DIR, 'run.sh'), 'utf8');
    for (const file of script.match(/[\w-]+\.yaml/g) ?? []) expect(existsSync(join(ROOT, DIR, file)), file).toBe(true);
    for (const job of [sweep, merge]) expect(script).toContain(`wait_job ${String(at(job, 'metadata', 'name'))}`);
    // Its image substitution matches the manifests' image line.
    expect(script).toContain(`s|image: ${container(sweep).image}|`);
    expect((await run('bash', ['-n', join(ROOT, DIR, 'run.sh')])).code).toBe(0);
  });
});
