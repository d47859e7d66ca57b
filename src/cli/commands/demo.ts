import { join } from 'node:path';
import { Command } from '@commander-js/extra-typings';
import { conclusionLines } from '../../report/conclusion.js';
import { renderHtmlReport } from '../../report/html/index.js';
import type { Cli } from '../context.js';
import { loadDemos, type Demo } from '../demos.js';
import { EXIT, UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { createNarrator } from '../narrator.js';
import { parseSeed } from '../options.js';
import { OutputFile } from '../output-file.js';
import { narrationMoments, runForReport } from '../report-run.js';
import { scenarioInput } from '../scenario-input.js';
import { executeRun, exitCodeFor, type SingleRunOptions } from '../single-run.js';
import { table, wrap } from '../text.js';

export interface DemoFlags {
  readonly list?: true;
  readonly report?: true;
  readonly seed?: string;
  readonly verbose?: true;
}

function listDemos(io: Io, demos: readonly Demo[]): void {
  const c = io.chalk;
  io.out(
    [
      c.bold('Teaching demos (run one with `recovery-sim demo <name>`, or all with `recovery-sim demo all`):'),
      ...table(demos.map((d, i) => [`  ${i + 1}.`, d.name, d.spec.title])),
      '',
      c.dim('Each demo is a scenario file in scenarios/ with narration; bug demos switch on a mutation and expect an invariant to catch it.'),
    ].join('\n'),
  );
}

/** Narrated run of one demo: what to watch for, the timeline with narration, what the checkers concluded. */
function showDemo(io: Io, demo: Demo, index: number, total: number, seed: number, flags: DemoFlags): number {
  const c = io.chalk;
  const s = demo.loaded.scenario;
  const before: string[] = [c.bold.inverse(` demo ${index}/${total}: ${demo.name} `) + ' ' + c.bold(demo.spec.title), ''];
  if (s.description !== undefined) before.push(...wrap(s.description), '');
  if (s.watch !== undefined && s.watch.length > 0) {
    before.push(c.bold('What to watch for:'));
    for (const w of s.watch) before.push(...wrap(w, 100, '    ').map((l, i) => (i === 0 ? `  • ${l.trimStart()}` : l)));
    before.push('');
  }
  const options: SingleRunOptions = {
    loaded: demo.loaded,
    seed,
    mutations: undefined,
    chalk: c,
    timeline: true,
    verbose: flags.verbose === true,
    narrate: createNarrator(demo.spec.narration ?? []),
    violationsShown: 5,
  };
  const file = join('reports', `${demo.name}.html`);
  const out = flags.report === true ? OutputFile.open({ path: file, what: 'the demo\'s report', example: file, fix: 'Run the demo from a directory you can write to: --report writes reports/<demo>.html under the current directory.', inputs: [scenarioInput(demo.loaded)], makeDirectories: true }) : undefined;
  try {
    const report = out !== undefined ? runForReport(options) : undefined;
    const run = report?.run ?? executeRun(options);
    const after: string[] = ['', c.bold('── what the invariants concluded ──'), ...conclusionLines(run.result, c).flatMap((l) => wrap(l, 110))];
    if (demo.spec.conclusion !== undefined) after.push('', ...wrap(demo.spec.conclusion).map((l) => c.cyan(l)));
    after.push('', ...run.summary);
    if (out !== undefined && report !== undefined) {
      if (report.sample !== null) io.err(`report: ${report.sample.note}`);
      out.write(renderHtmlReport({ ...report.input, narration: narrationMoments(report.input.records, demo.spec.narration ?? []) }));
      after.push(`${c.bold('report'.padEnd(12))}${file}`);
    }
    io.out([...before, ...run.config, '', ...run.timeline, ...after, ''].join('\n'));
    return exitCodeFor(run.result);
  } finally {
    out?.discard();
  }
}

/** `demo`: list the teaching demos, or run one (or all) with narration. */
export function demoAction(cli: Cli, name: string | undefined, flags: DemoFlags): void {
  const seed = parseSeed(flags.seed);
  const demos = loadDemos();
  if (name === undefined || flags.list === true) {
    listDemos(cli.io, demos);
    cli.exitCode = EXIT.pass;
    return;
  }
  const chosen = name === 'all' ? demos : demos.filter((d) => d.name === name);
  if (chosen.length === 0) {
    throw new UsageError(`no demo called "${name}". Demos: ${demos.map((d) => d.name).join(', ')} (or "all"); \`recovery-sim demo\` lists them with what each shows.`);
  }
  let worst: number = EXIT.pass;
  for (const demo of chosen) worst = Math.max(worst, showDemo(cli.io, demo, demos.indexOf(demo) + 1, demos.length, seed, flags));
  cli.exitCode = worst;
}

export function demoCommand(cli: Cli) {
  return new Command('demo')
    .description('narrated teaching scenarios: what recovery does and which checker catches which bug')
    .argument('[name]', 'the demo to run ("all" runs every demo); without one, the list')
    .option('--list', 'list the demos')
    .option('--report', 'also write the HTML report of each demo run to reports/<demo>.html')
    .option('--seed <n>', 'the seed (the stories are told for the default, 1)', '1')
    .option('--verbose', 'print every event, including every message')
    .option('--no-color', 'no colours (also: NO_COLOR)')
    .addHelpText('after', '\nExit codes: 0 the demo came out as its scenario expects (bug demos expect their violation), 1 it did not.\nExamples:\n  recovery-sim demo\n  recovery-sim demo director-race\n  recovery-sim demo all --report')
    .action((name, flags) => demoAction(cli, name, flags));
}
