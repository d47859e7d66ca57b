import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { isBudgetStop } from '../runner/budget.js';
import { ScenarioError } from '../scenario/load.js';
import { corpusCommand } from './commands/corpus.js';
import { demoCommand } from './commands/demo.js';
import { explainCommand } from './commands/explain.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { powerCommand } from './commands/power.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { shrinkCommand } from './commands/shrink.js';
import { sweepCommand } from './commands/sweep.js';
import type { Cli } from './context.js';
import { EXIT, UsageError } from './errors.js';
import { processIo, type Io } from './io.js';

const COMMANDS = ['run', 'sweep', 'merge', 'corpus', 'shrink', 'demo', 'report', 'list', 'explain', 'power'];

/** commander's own errors (unknown option, missing argument…) in our wording, with the fix. */
function commanderMessage(err: CommanderError, argv: readonly string[]): string {
  const command = argv.find((a) => COMMANDS.includes(a));
  const where = command !== undefined ? `recovery-sim ${command}` : 'recovery-sim';
  const text = err.message.replace(/^error: /, '').replace(/\n+/g, ' ').trim().replace(/\.+$/, '');
  const help = `See \`${where} --help\`.`;
  switch (err.code) {
    case 'commander.unknownCommand':
      return `${where}: ${text}. Commands: ${COMMANDS.join(', ')}. ${help}`;
    default:
      return `${where}: ${text}. ${help}`;
  }
}

function buildProgram(cli: Cli) {
  const program = new Command('recovery-sim')
    .description('Deterministic simulator of the recovery protocol of a FoundationDB-style database (Bedrock): epoch locking, recruitment, competing directors, split-brain checks.')
    .version('0.1.0')
    .addHelpText(
      'after',
      '\nExit codes: 0 every run passed (or met its expectation), 1 an invariant was violated (or an expectation was not met), 2 bad input, 3 internal error (a bug in recovery-sim).\nStart with: recovery-sim demo',
    );
  const commands: CommandUnknownOpts[] = [runCommand(cli), sweepCommand(cli), mergeCommand(cli), corpusCommand(cli), shrinkCommand(cli), demoCommand(cli), reportCommand(cli), listCommand(cli), explainCommand(cli), powerCommand(cli)];
  for (const command of [program as CommandUnknownOpts, ...commands]) {
    // Errors surface as exceptions so main() words them and picks the exit code (never process.exit).
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => cli.io.out(text),
      writeErr: (text) => cli.io.err(text),
      outputError: () => undefined,
    });
    if (command !== program) program.addCommand(command);
  }
  return program;
}

/** Turn any failure into one clear message and an exit code; a stack trace only when debugging. */
export function reportFailure(error: unknown, argv: readonly string[], io: Io): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.pass;
    io.err(commanderMessage(error, argv));
    return EXIT.badInput;
  }
  if (error instanceof UsageError) {
    io.err(`recovery-sim: ${error.message}`);
    return EXIT.badInput;
  }
  if (error instanceof ScenarioError) {
    io.err(error.problems.join('\n'));
    if (error.kind === 'invalid') {
      const n = error.total;
      io.err(`recovery-sim: the scenario cannot be used (${n.toLocaleString('en-US')} problem${n === 1 ? '' : 's'}${n > error.problems.length ? ', the first shown' : ' above'}). The format is in scenarios/scenario.schema.json.`);
    }
    return EXIT.badInput;
  }
  if (isBudgetStop(error)) {
    io.err(`recovery-sim: ${error.message}`);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`recovery-sim: internal error: ${message.split('\n')[0]} (a bug in recovery-sim; set RECOVERY_SIM_DEBUG=1 for the stack trace)`);
  if (process.env['RECOVERY_SIM_DEBUG'] !== undefined && error instanceof Error && error.stack !== undefined) io.err(error.stack);
  return EXIT.internal;
}

/** The CLI: parse `argv` (without node and the script), run the command, return the exit code. */
export async function main(argv: string[], io: Io = processIo(argv)): Promise<number> {
  const cli: Cli = { io, exitCode: EXIT.pass };
  try {
    const program = buildProgram(cli);
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.pass;
    }
    await program.parseAsync(argv, { from: 'user' });
    return cli.exitCode;
  } catch (error) {
    return reportFailure(error, argv, io);
  }
}
