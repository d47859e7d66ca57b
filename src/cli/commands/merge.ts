import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from '@commander-js/extra-typings';
import type { MutationId } from '../../cluster/mutations.js';
import { CatchTally, type CatchRow } from '../../report/finding-power.js';
import { powerTableLines } from '../../report/finding-power-table.js';
import { coverage, gapsText, Segment, type Coverage } from '../../report/merge-coverage.js';
import { identityRange, LineError, parseSweepLine, type ParsedLine, type SweepIdentity } from '../../report/sweep-line.js';
import { SweepTally, sweepLabel, sweepSummaryLines } from '../../report/sweep-summary.js';
import type { Cli } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { runPassed } from '../single-run.js';

export interface MergeFlags {
  readonly json?: true;
  readonly partial?: true;
}

/** One sweep found in the files: a scenario, its switches and ordering, over one range. */
interface SweepGroup {
  readonly key: string;
  readonly scenario: string;
  readonly mutations: readonly MutationId[];
  readonly identity: SweepIdentity;
  /** Per file, the seeds it holds of this sweep (in the order the files were given). */
  readonly segments: Map<string, Segment>;
  /** Lines without their wall time: the merge then reports none. */
  untimed: number;
}

function keyOf(p: ParsedLine): string {
  return JSON.stringify([p.result.scenario, p.result.mutations, p.identity.seeds, p.identity.ordering ?? null]);
}

async function* linesOf(file: string): AsyncGenerator<{ text: string; line: number }> {
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of reader) {
    line++;
    if (text.trim() !== '') yield { text, line };
  }
}

function parseAt(file: string, line: number, text: string): ParsedLine {
  try {
    return parseSweepLine(text);
  } catch (e) {
    if (e instanceof LineError) throw new UsageError(`${file}:${line}: ${e.message}. merge reads what \`recovery-sim sweep --json\` writes; rerun the shard that wrote this file.`);
    throw e;
  }
}

function checkReadable(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`merge: cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}). Give the files that \`recovery-sim sweep --json\` wrote, e.g. recovery-sim merge out/shard-*.jsonl.`);
  }
  if (!isFile) throw new UsageError(`merge: ${file} is not a file. Give the files that \`recovery-sim sweep --json\` wrote, e.g. recovery-sim merge out/shard-*.jsonl.`);
}

/** First pass: which sweeps the files hold, and which seeds of each every file has. */
async function survey(files: readonly string[]): Promise<SweepGroup[]> {
  const groups = new Map<string, SweepGroup>();
  for (const file of files) {
    for await (const { text, line } of linesOf(file)) {
      const parsed = parseAt(file, line, text);
      const key = keyOf(parsed);
      let group = groups.get(key);
      if (group === undefined) {
        group = { key, scenario: parsed.result.scenario, mutations: parsed.result.mutations, identity: parsed.identity, segments: new Map(), untimed: 0 };
        groups.set(key, group);
      }
      const range = identityRange(parsed.identity);
      const seed = parsed.result.seed;
      if (seed < range.first || seed > range.last) throw new UsageError(`${file}:${line}: seed ${seed} lies outside its sweep's range ${parsed.identity.seeds}; the file was edited or mixes sweeps.`);
      let segment = group.segments.get(file);
      if (segment === undefined) group.segments.set(file, (segment = new Segment(file)));
      const problem = segment.add(seed);
      if (problem !== undefined) {
        throw new UsageError(`${file}:${line}: seed ${seed} ${problem === 'repeated' ? 'appears twice' : 'comes after a higher seed'}; a sweep writes each seed once, in seed order. Rerun the shard that wrote this file.`);
      }
      if (!parsed.timed) group.untimed++;
    }
  }
  if (groups.size === 0) throw new UsageError(`merge: the files hold no sweep lines (${files.join(', ')}). Give the output of \`recovery-sim sweep --json\`.`);
  return [...groups.values()];
}

/** A file's lines of one sweep, read again, in order. */
async function* groupLines(file: string, key: string): AsyncGenerator<{ parsed: ParsedLine; text: string }> {
  for await (const { text, line } of linesOf(file)) {
    const parsed = parseAt(file, line, text);
    if (keyOf(parsed) === key) yield { parsed, text };
  }
}

/**
 * Second pass: every line of a sweep in seed order, whichever file holds it. Files are opened as
 * the seeds reach their first one, so shards of consecutive blocks are read one after another;
 * files whose seeds interleave are merged line by line.
 */
async function* inSeedOrder(group: SweepGroup): AsyncGenerator<{ parsed: ParsedLine; text: string }> {
  const pending = [...group.segments.values()].sort((a, b) => a.first - b.first);
  const active: { source: AsyncGenerator<{ parsed: ParsedLine; text: string }>; head: { parsed: ParsedLine; text: string } }[] = [];
  const open = async (segment: Segment): Promise<void> => {
    const source = groupLines(segment.file, group.key);
    const first = await source.next();
    if (first.done !== true) active.push({ source, head: first.value });
  };
  for (;;) {
    if (active.length === 0) {
      const next = pending.shift();
      if (next === undefined) return;
      await open(next);
      continue;
    }
    let low = 0;
    for (let i = 1; i < active.length; i++) if ((active[i]?.head.parsed.result.seed ?? Infinity) < (active[low]?.head.parsed.result.seed ?? Infinity)) low = i;
    const lowSeed = active[low]?.head.parsed.result.seed ?? Infinity;
    if ((pending[0]?.first ?? Infinity) < lowSeed) {
      await open(pending.shift() as Segment);
      continue;
    }
    const current = active[low] as (typeof active)[number];
    yield current.head;
    const after = await current.source.next();
    if (after.done === true) active.splice(low, 1);
    else current.head = after.value;
  }
}

function coverageProblem(c: Coverage, label: string): string | undefined {
  if (c.overlap !== undefined) {
    const [a, b] = c.overlap.files;
    return `merge: ${label}: seed ${c.overlap.seed} is in both ${a} and ${b}: the shards overlap (the same shard given twice, or shards of different --shard counts). Give each shard's output once.`;
  }
  if (c.gapCount === 0) return undefined;
  return `merge: ${label}: ${c.size - c.held} of ${c.size} seeds are in no file (${gapsText(c)}): a shard's output is missing or was cut off. Rerun the missing shards, or pass --partial to summarise what ran (a time-budgeted sweep runs only part of its range).`;
}

/** `merge`: shard outputs put back together into the summary one sweep of the whole range prints. */
export async function mergeAction(cli: Cli, files: readonly string[], flags: MergeFlags): Promise<void> {
  const { io } = cli;
  if (files.length === 0) throw new UsageError('merge needs the files `recovery-sim sweep --json` wrote, one per shard. Example: recovery-sim merge out/shard-*.jsonl.');
  const distinct = [...new Set(files)];
  if (distinct.length < files.length) throw new UsageError(`merge: ${files.find((f, i) => files.indexOf(f) !== i) ?? ''} is given twice; give each shard's output once.`);
  for (const file of distinct) checkReadable(file);
  const groups = await survey(distinct);

  const problems: string[] = [];
  const rows: CatchRow[] = [];
  const tables: string[] = [];
  let anyFailed = false;
  let mutatedRunMs = 0;
  for (const group of groups) {
    const label = sweepLabel({ scenario: group.scenario, seeds: group.identity.seeds, ...(group.identity.ordering !== undefined ? { ordering: group.identity.ordering } : {}), mutations: group.mutations });
    const c = coverage(identityRange(group.identity), [...group.segments.values()]);
    const problem = coverageProblem(c, label);
    if (c.overlap !== undefined) {
      problems.push(problem as string);
      continue;
    }
    const tally = new SweepTally();
    const power = group.mutations.length > 0 ? new CatchTally({ mutation: group.mutations[0] as MutationId, runWith: group.mutations }, group.scenario) : undefined;
    let runMs = 0;
    for await (const { parsed, text } of inSeedOrder(group)) {
      const passed = runPassed(parsed.result);
      tally.add(parsed.result, passed);
      power?.add(parsed.result);
      runMs += parsed.result.wallMs;
      if (flags.json === true) io.out(text);
    }
    if (power !== undefined) {
      mutatedRunMs += runMs;
      const row = power.row(1);
      rows.push(group.untimed > 0 ? { ...row, secondsToFirst: null } : row);
    }
    anyFailed ||= tally.passed < tally.runs;
    const fileCount = group.segments.size;
    const notes = c.gapCount > 0 && flags.partial === true ? [{ label: 'partial', text: `${c.held} of ${c.size} seeds ran; not run: ${gapsText(c)}` }] : [];
    const timing = group.untimed === 0 ? { timing: { note: `${fileCount} file${fileCount === 1 ? '' : 's'} · ${(runMs / 1000).toFixed(1)} s of runs`, wallMs: runMs, per: 'per job' } } : {};
    tables.push(sweepSummaryLines(tally, { label, ...timing, notes }, io.chalk).join('\n'));
    if (problem !== undefined && flags.partial !== true) problems.push(problem);
  }
  if (rows.length > 0) {
    const first = identityRange((groups[0] as SweepGroup).identity);
    tables.push(powerTableLines(rows, { scenarios: [...new Set(rows.map((r) => r.scenario))], seeds: first, jobs: 1, wallMs: mutatedRunMs }, io.chalk).join('\n'));
  }
  const text = tables.join('\n\n');
  // With --json, stdout holds only the JSON lines; the table goes to stderr for people.
  if (flags.json === true) io.err(text);
  else io.out(text);
  for (const problem of problems) io.err(problem);
  cli.exitCode = problems.length > 0 ? EXIT.badInput : anyFailed ? EXIT.violation : EXIT.pass;
}

export function mergeCommand(cli: Cli) {
  return new Command('merge')
    .description('put the JSON lines of sweep shards back together: one summary, as a sweep of the whole range prints it')
    .argument('<files...>', 'files written by `recovery-sim sweep --json` (one per shard, any order)')
    .option('--json', 'print the merged JSON lines, in seed order (the same bytes as one sweep of the whole range); the summary goes to stderr')
    .option('--partial', 'summarise what ran even if seeds of the range are in no file (time-budgeted shards run only part of theirs)')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText(
      'after',
      '\nChecks that the files hold every seed of each sweep\'s range exactly once. Exit 0 every run passed, 1 some run failed, 2 the shards overlap or miss seeds (without --partial) or a file is not sweep output.\nExamples:\n  for i in 1 2 3; do recovery-sim sweep random-faults --seeds 1..3000 --shard $i/3 --json --no-timings > part$i.jsonl; done\n  recovery-sim merge part*.jsonl\n  recovery-sim merge part*.jsonl --json > all.jsonl',
    )
    .action((files, flags) => mergeAction(cli, files, flags));
}
