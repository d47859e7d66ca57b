import type { ChalkInstance } from 'chalk';
import { DEFAULT_NETWORK } from '../../sim/index.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { describeShape } from '../scenario/shape-text.js';
import { hang } from './fit.js';

const label = (chalk: ChalkInstance, name: string): string => chalk.bold(name.padEnd(12));
const indent = ' '.repeat(12);

/**
 * The configuration a run uses, printed before its timeline: what was asked for and what the
 * seed drew (the cluster shape with `shape`, the swarm settings when faults are random), so a
 * reader can judge the run.
 */
export function runConfigLines(resolved: ResolvedScenario, file: string, chalk: ChalkInstance, width = 100): string[] {
  const s = resolved.scenario;
  const cluster = resolved.cluster;
  const lines: string[] = [];
  lines.push(`${label(chalk, 'scenario')}${chalk.bold(s.name)} ${chalk.dim(`(${file})`)}`);
  lines.push(`${label(chalk, 'seed')}${resolved.seed}`);
  lines.push(`${label(chalk, 'mutations')}${resolved.mutations.length > 0 ? chalk.red.bold(resolved.mutations.join(' ')) : 'none (the reference protocol)'}`);
  // Settings the scenario gives explicitly win over drawn ones; the lines below show what is used.
  if (resolved.shape !== undefined) lines.push(`${label(chalk, 'shape')}${describeShape(resolved.shape)} ${chalk.dim('(drawn from the seed)')}`);
  const nodes = cluster.nodes.map((n) => `${n.id}[${n.capabilities.map((c) => c.slice(0, 1)).join('')}]${n.joinAtMs !== undefined ? `+${n.joinAtMs}ms` : ''}`);
  lines.push(`${label(chalk, 'cluster')}${nodes.join(' ')} ${chalk.dim('(c=coordination l=log s=storage)')}`);
  lines.push(`${indent}coordinators ${cluster.coordinators.join(' ')} · desired logs ${cluster.params.desiredLogs} · replication ${cluster.params.replicationFactor}${cluster.params.strictPlacement ? ' · strict placement' : ''}`);
  if (cluster.workers.length > 0) lines.push(`${indent}pre-created workers: ${cluster.workers.map((w) => `${w.count} ${w.kind} on ${w.node}`).join(', ')}`);
  if (resolved.network.ordering === 'pct') lines.push(`${label(chalk, 'network')}PCT ordering: racing deliveries in their receivers' priority order, ${resolved.network.pctChangePoints ?? DEFAULT_NETWORK.pctChangePoints} demotions`);
  const w = cluster.workload;
  lines.push(`${label(chalk, 'workload')}${w.ratePerSec} commits/s from ${w.startMs} ms to ${w.stopMs} ms over ${w.keys} keys`);
  const scripted = s.faults?.script?.length ?? 0;
  const drawn = resolved.plan.actions.length - scripted;
  const faultText = [`${resolved.plan.actions.length} fault action${resolved.plan.actions.length === 1 ? '' : 's'}`];
  if (scripted > 0) faultText.push(`${scripted} scripted`);
  if (resolved.swarm !== undefined) faultText.push(`${drawn} drawn from the seed`);
  lines.push(`${label(chalk, 'faults')}${faultText.join(', ')}; quiet from ${resolved.quietAtMs} ms`);
  if (resolved.swarm !== undefined) {
    const sw = resolved.swarm;
    const weights = sw.families.map((f) => `${f}×${sw.weights[f] ?? 0}`).join(' ');
    lines.push(`${indent}swarm: ${weights || 'no families'} · mean gap ${sw.meanGapMs} ms · max loss ${sw.maxLossRate} · max clog ${sw.maxClogMs} ms · max outage ${sw.maxOutageMs} ms`);
  }
  if (resolved.aimed !== undefined) {
    lines.push(`${indent}aimed: ${resolved.aimed.triggers.map((t) => `${t.id} ${Math.round(t.chance * 100)}%`).join(' · ')}`);
  }
  const timeouts = Object.entries(resolved.timeouts);
  if (timeouts.length > 0) lines.push(`${indent}timeouts drawn: ${timeouts.map(([k, v]) => `${k.replace(/Ms$/, '')} ${String(v)} ms`).join(' · ')}`);
  if (resolved.elections.length > 0) lines.push(`${label(chalk, 'elections')}${resolved.elections.map((e) => `${e.coordinator} at ${e.atMs} ms`).join(', ')}`);
  const judged = resolved.livenessAtMs <= resolved.durationMs ? `liveness judged at ${resolved.livenessAtMs} ms` : 'liveness not judged (run ends first)';
  lines.push(`${label(chalk, 'duration')}${resolved.durationMs} ms · ${judged}`);
  const e = s.expect;
  if (e !== undefined) lines.push(`${label(chalk, 'expect')}${e.verdict}${e.invariant !== undefined ? ` (${e.invariant})` : ''}`);
  // Every line is a label (or the indent under one) and a value: the value wraps under itself.
  return lines.map((line) => {
    const lead = /^ */.exec(line)?.[0] ?? '';
    return hang(lead, line.slice(lead.length), width, 12);
  });
}
