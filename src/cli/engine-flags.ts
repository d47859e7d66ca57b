import { UsageError } from './errors.js';
import { parseJobs, parseSeedRange, parseShard, shardSeeds } from './options.js';

/** The commands that run ranges of seeds in a pool of worker threads (`--jobs`, default: one per core). */
const POOL_COMMANDS: ReadonlySet<string> = new Set(['sweep', 'power']);

/**
 * Below this many seeds a sweep is mostly its warm-up, which V8 compiles faster on a thread of its
 * own: 20 `log-crash` seeds took 3 % longer single-threaded, 100 `random-faults` seeds 8 % less.
 */
export const SINGLE_THREADED_FROM_SEEDS = 100;

/**
 * How V8 runs its helper threads: `auto` (the default) lets the CLI choose, `threads` keeps V8's
 * own defaults, `single-threaded` does V8's work on each thread that needs it.
 */
export const ENGINE_ENV = 'RECOVERY_SIM_V8';
const ENGINE_MODES = ['auto', 'threads', 'single-threaded'] as const;
type EngineMode = (typeof ENGINE_MODES)[number];

/** What the CLI should do before it runs a command line: start again with V8 flags, or not; or refuse the setting. */
export type EngineChoice = { readonly flags: readonly string[] } | { readonly error: string };

/**
 * V8's own helper threads (its optimising compiler, its parallel collector) run beside every
 * worker. With fewer workers than cores they use an idle core and come for free; with a worker
 * on every core they take turns with the workers, and a sweep goes faster with V8 doing that work
 * on each worker's own thread (`--single-threaded`), once the sweep is long enough for its warm-up
 * not to matter. V8's flags are the process's, read once at its start, so the CLI starts itself
 * again with them (`bin/recovery-sim.js`).
 */
export function engineFlagsFor(argv: readonly string[], cores: number, env: NodeJS.ProcessEnv = {}): EngineChoice {
  const mode = env[ENGINE_ENV] ?? 'auto';
  if (!(ENGINE_MODES as readonly string[]).includes(mode)) {
    return {
      error: `${ENGINE_ENV} must be auto, threads or single-threaded, got "${mode.slice(0, 40)}": it says how V8 runs its compiler and collector (auto: on their own threads unless a sweep of ${SINGLE_THREADED_FROM_SEEDS} seeds or more runs a worker on every core). Unset it, or set for example ${ENGINE_ENV}=threads.`,
    };
  }
  const wanted = (mode as EngineMode) === 'auto' ? (fillsTheCores(argv, cores) ? 'single-threaded' : 'threads') : mode;
  return { flags: wanted === 'single-threaded' ? ['--single-threaded'] : [] };
}

/** Whether the command runs a pool with a worker on every core, over enough seeds, read as the command reads its flags. */
function fillsTheCores(argv: readonly string[], cores: number): boolean {
  const command = argv.find((arg) => !arg.startsWith('-'));
  if (command === undefined || !POOL_COMMANDS.has(command)) return false;
  try {
    // `parseJobs` caps a value above the cores at the cores; the command warns of it itself.
    if (parseJobs(optionValue(argv, '--jobs'), cores, () => undefined) < cores) return false;
    const seeds = shardSeeds(parseSeedRange(optionValue(argv, '--seeds'), true), parseShard(optionValue(argv, '--shard')));
    return seeds.count >= SINGLE_THREADED_FROM_SEEDS;
  } catch (e) {
    // A value the command will refuse is its to report, with V8's defaults.
    if (e instanceof UsageError) return false;
    throw e;
  }
}

/** The value of `--name V` or `--name=V`, the last one given (as the parser takes it). */
function optionValue(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === name) {
      value = argv[i + 1] ?? '';
      i++;
    } else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  }
  return value;
}

/** How this process's V8 runs, for a summary beside its job count: said only when it is not V8's default. */
export function engineNote(execArgv: readonly string[] = process.execArgv): string {
  return execArgv.includes('--single-threaded') ? ' · V8 single-threaded' : '';
}
