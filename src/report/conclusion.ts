import type { ChalkInstance } from 'chalk';
import { formatTime } from '../../sim/index.js';
import { MUTATIONS } from '../cluster/mutations.js';
import { INVARIANTS } from '../check/invariants/index.js';
import type { RunResult } from '../runner/result.js';
import { violationsByInvariant } from './violations.js';

/**
 * What the invariants concluded, in words for a learner: which held, which caught a bug and
 * what that means, and whether the switched-on mutations were caught by the checkers meant for them.
 */
export function conclusionLines(result: RunResult, chalk: ChalkInstance): string[] {
  const lines: string[] = [];
  if (result.violations.length === 0) {
    const checked = INVARIANTS.filter((i) => i.kind === 'safety').map((i) => i.id);
    lines.push(chalk.green(`All ${checked.length} safety invariants held over ${result.events} events: ${checked.join(', ')}.`));
    const progress = INVARIANTS.filter((i) => i.kind === 'progress').map((i) => i.id);
    lines.push(chalk.green(`The progress rule${progress.length === 1 ? '' : 's'} ${progress.join(', ')} held: no time was wasted on a node that gave cause to doubt it was up.`));
    lines.push(
      result.livenessJudged
        ? chalk.green(
            `Liveness (${INVARIANTS.filter((i) => i.kind === 'liveness').map((i) => i.id).join(', ')}) was judged after faults stopped and held: a director published and ran the newest layout within the bound, it stayed in charge, and every shard kept as many live replicas as the replication factor (R) asks.`,
          )
        : chalk.dim(`Liveness was not judged: ${result.livenessSkipped ?? 'the run ends before the liveness checkpoint, when faults have stopped for the bound'}.`),
    );
  } else {
    for (const [id, list] of violationsByInvariant(result.violations)) {
      const info = INVARIANTS.find((i) => i.id === id);
      const first = list[0];
      lines.push(chalk.red.bold(`✗ ${id} (${info?.spec ?? ''}) caught it, ${list.length} time${list.length === 1 ? '' : 's'}.`));
      lines.push(`  It means: ${info?.meaning ?? ''}`);
      if (first !== undefined) lines.push(`  First at event #${first.event} (${formatTime(first.time).trim()}): ${first.message}`);
    }
  }
  for (const m of result.mutations) {
    const info = MUTATIONS[m];
    const caught = info.caughtBy.filter((id) => (result.violated as readonly string[]).includes(id));
    const verdict =
      caught.length > 0
        ? chalk.green(`Caught by ${caught.join(' and ')}, as designed.`)
        : result.verdict === 'violation'
          ? chalk.yellow(`Meant for ${info.caughtBy.join('/')}, but here ${result.violated.join(', ')} noticed it instead.`)
          : chalk.yellow(`Not caught with this seed (meant for ${info.caughtBy.join('/')}): the run never reached the situation it breaks.`);
    lines.push(`Mutation ${chalk.bold(m)} (${info.source}): ${info.summary} ${verdict}`);
  }
  return lines;
}
