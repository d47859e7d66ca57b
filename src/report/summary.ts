import type { ChalkInstance } from 'chalk';
import { PROBE_IDS } from '../check/probes.js';
import type { RunResult } from '../runner/result.js';
import { clock } from './clock.js';
import { hang } from './fit.js';
import { placementText } from './placement.js';
import { invariantMeaning, violationsByInvariant } from './violations.js';

const label = (chalk: ChalkInstance, name: string): string => chalk.bold(name.padEnd(12));

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

/**
 * The commit counters, from one source: the client counts every commit it tries, and reports
 * after each answer (and periodically), so its last report holds every acknowledgement and every
 * failure; what it had not heard back about by then was still waiting when the run ended.
 */
export function commitsText(c: RunResult['commits'], chalk: ChalkInstance): string {
  const lost = c.lost > 0 ? chalk.red.bold(`${c.lost} lost`) : '0 lost';
  const waiting = c.attempted - c.acknowledged - c.failed;
  // A trace from before the client reported after every answer can trail: say what is known.
  if (waiting < 0) return `${c.acknowledged} acknowledged, ${lost} · the client's last report: ${c.attempted} attempted, ${c.failed} failed`;
  return `${c.attempted} attempted: ${c.acknowledged} acknowledged, ${c.failed} failed${waiting > 0 ? `, ${waiting} still waiting for an answer at the end` : ''} · ${lost}`;
}

/** What a run concluded: publications, commits, probes, violations, verdict, hash and replay line. */
export function summaryLines(result: RunResult, chalk: ChalkInstance, shownPerInvariant = 3, width = 100): string[] {
  const lines: string[] = [chalk.bold('── summary ──')];
  const labelled = (name: string, body: string): string => hang(label(chalk, name), body, width);
  const indented = (body: string, extra = 0): string => hang(' '.repeat(12 + extra), body, width);
  const published = result.published.map((p) => {
    const teams = p.storageTeams.map((t) => `team ${t.tag} ${t.storageIds.join(' ')}`).join(' · ');
    return `e${p.epoch} at ${clock(p.atMs * 1000)}: logs ${p.logs.join(' ')} · ${teams} · recovery version ${p.recoveryVersion} · ${placementText(p.placement)}`;
  });
  lines.push(labelled('published', published[0] ?? chalk.red('no layout was published')));
  for (const p of published.slice(1)) lines.push(indented(p));

  lines.push(labelled('commits', commitsText(result.commits, chalk)));
  lines.push(labelled('reads', `${result.reads.completed} served, ${result.reads.failed} failed (no read version, or no replica had reached it)`));

  const reached = PROBE_IDS.filter((id) => result.probes[id] > 0);
  const missed = PROBE_IDS.filter((id) => result.probes[id] === 0);
  lines.push(labelled('probes', reached.map((id) => `${id} ${result.probes[id]}`).join(' · ') || 'none reached'));
  if (missed.length > 0) lines.push(indented(chalk.dim(`not reached: ${missed.join(', ')}`)));
  lines.push(labelled('run', `${result.events} events · ${clock(result.virtualMs * 1000)} virtual · ${result.wallMs} ms wall${result.livenessJudged ? '' : chalk.dim(` · liveness not judged (${result.livenessSkipped ?? 'the run ends before the liveness checkpoint'})`)}`));

  if (result.violations.length > 0) {
    lines.push(labelled('violations', `${result.violations.length} in ${result.violated.length} invariant${result.violated.length === 1 ? '' : 's'}`));
    for (const [id, list] of violationsByInvariant(result.violations)) {
      lines.push(indented(`${chalk.red.bold(id)} ×${list.length}: ${invariantMeaning(id)}`));
      for (const v of list.slice(0, shownPerInvariant)) {
        const witnesses = v.witnesses.length > 0 ? `; witnesses #${v.witnesses.slice(0, 8).join(' #')}${v.witnesses.length > 8 ? ' …' : ''}` : '';
        lines.push(indented(`event #${v.event} at ${clock(v.time)}: ${v.message}${witnesses}`, 2));
      }
      if (list.length > shownPerInvariant) lines.push(indented(`… and ${list.length - shownPerInvariant} more`, 2));
    }
  }
  lines.push(hang('', verdictLine(result, chalk), width, 12), ...replayLines(result, chalk).map((l) => hang('', l, width, 12)));
  return lines;
}
