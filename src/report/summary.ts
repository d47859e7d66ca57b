import type { ChalkInstance } from 'chalk';
import { formatTime } from '../../sim/index.js';
import { PROBE_IDS } from '../check/probes.js';
import type { RunResult } from '../runner/result.js';
import { placementText } from './placement.js';
import { invariantMeaning, violationsByInvariant } from './violations.js';

const label = (chalk: ChalkInstance, name: string): string => chalk.bold(name.padEnd(12));
const indent = ' '.repeat(12);

/** `PASS` / `VIOLATION`, and whether the scenario's expectation was met. */
export function verdictLine(result: RunResult, chalk: ChalkInstance): string {
  const verdict = result.verdict === 'pass' ? chalk.green.bold('PASS') : chalk.red.bold(`VIOLATION (${result.violated.join(', ')})`);
  const where = `${result.scenario}, seed ${result.seed}${result.mutations.length > 0 ? `, mutations ${result.mutations.join(' ')}` : ''}`;
  let expectation = '';
  if (result.expectation !== null) {
    expectation = result.expectationMet
      ? chalk.green(` · expectation met: ${result.expectation}`)
      : chalk.red.bold(` · EXPECTATION NOT MET: expected ${result.expectation}, got ${result.verdict}`);
  }
  return `${label(chalk, 'verdict')}${verdict} ${chalk.dim(`(${where})`)}${expectation}`;
}

export function replayLines(result: RunResult, chalk: ChalkInstance): string[] {
  return [`${label(chalk, 'trace hash')}${result.traceHash}`, `${label(chalk, 'replay')}${result.replay}`];
}

/** What a run concluded: publications, commits, probes, violations, verdict, hash and replay line. */
export function summaryLines(result: RunResult, chalk: ChalkInstance, shownPerInvariant = 3): string[] {
  const lines: string[] = [chalk.bold('── summary ──')];
  const published = result.published.map((p) => {
    const teams = p.storageTeams.map((t) => `team ${t.tag} ${t.storageIds.join(' ')}`).join(' · ');
    return `e${p.epoch} at ${formatTime(p.atMs * 1000).trim()}: logs ${p.logs.join(' ')} · ${teams} · recovery version ${p.recoveryVersion} · ${placementText(p.placement)}`;
  });
  lines.push(`${label(chalk, 'published')}${published[0] ?? chalk.red('no layout was published')}`);
  for (const p of published.slice(1)) lines.push(`${indent}${p}`);

  const c = result.commits;
  // attempted/failed come from the client's periodic report, so they can trail the acknowledgements.
  lines.push(`${label(chalk, 'commits')}${c.acknowledged} acknowledged, ${c.lost > 0 ? chalk.red.bold(`${c.lost} lost`) : '0 lost'} · the client's last report: ${c.attempted} attempted, ${c.failed} failed`);
  lines.push(`${label(chalk, 'reads')}${result.reads.completed} served, ${result.reads.failed} failed (no read version, or no replica had reached it)`);

  const reached = PROBE_IDS.filter((id) => result.probes[id] > 0);
  const missed = PROBE_IDS.filter((id) => result.probes[id] === 0);
  lines.push(`${label(chalk, 'probes')}${reached.map((id) => `${id} ${result.probes[id]}`).join(' · ') || 'none reached'}`);
  if (missed.length > 0) lines.push(`${indent}${chalk.dim(`not reached: ${missed.join(', ')}`)}`);
  lines.push(`${label(chalk, 'run')}${result.events} events · ${formatTime(result.virtualMs * 1000).trim()} virtual · ${result.wallMs} ms wall${result.livenessJudged ? '' : chalk.dim(` · liveness not judged (${result.livenessSkipped ?? 'the run ends before quiet + bound'})`)}`);

  if (result.violations.length > 0) {
    lines.push(`${label(chalk, 'violations')}${result.violations.length} in ${result.violated.length} invariant${result.violated.length === 1 ? '' : 's'}`);
    for (const [id, list] of violationsByInvariant(result.violations)) {
      lines.push(`${indent}${chalk.red.bold(id)} ×${list.length}: ${invariantMeaning(id)}`);
      for (const v of list.slice(0, shownPerInvariant)) {
        const witnesses = v.witnesses.length > 0 ? `; witnesses #${v.witnesses.slice(0, 8).join(' #')}${v.witnesses.length > 8 ? ' …' : ''}` : '';
        lines.push(`${indent}  event #${v.event} at ${formatTime(v.time).trim()}: ${v.message}${witnesses}`);
      }
      if (list.length > shownPerInvariant) lines.push(`${indent}  … and ${list.length - shownPerInvariant} more`);
    }
  }
  lines.push(verdictLine(result, chalk), ...replayLines(result, chalk));
  return lines;
}
