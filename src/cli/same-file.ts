import { fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { displayPath } from '../scenario/load.js';
import { UsageError } from './errors.js';

/** A file a command reads, named as the message will name it ("the scenario file"). */
export interface InputFile {
  readonly role: string;
  /** Absolute or relative path of the file. */
  readonly path: string;
}

/**
 * Where a path leads once symbolic links are followed. A path that does not exist yet resolves
 * through its directory, so `dir/../x.json` and a link to the directory are caught too.
 */
export function realTarget(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // not there yet: resolve what does exist
  }
  try {
    return join(realpathSync(dirname(absolute)), basename(absolute));
  } catch {
    return absolute;
  }
}

function regularFile(path: string): Stats | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function sameInode(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Whether writing `output` would replace `input`: the same real path, or (for a hard link,
 * which has a path of its own) the same device and inode.
 */
export function sameFile(output: string, input: string): boolean {
  return realTarget(output) === realTarget(input) || sameInode(regularFile(output), regularFile(input));
}

/** Refuse an output path that is one of the inputs: the run would destroy what it reads. */
export function refuseOverwritingInput(flag: string, output: string, inputs: readonly InputFile[], example: string): void {
  for (const input of inputs) {
    if (!sameFile(output, input.path)) continue;
    const shownIn = displayPath(resolve(input.path));
    const how = realTarget(output) === realTarget(input.path) ? (resolve(output) === resolve(input.path) ? 'is' : 'leads to') : 'is a hard link to';
    throw new UsageError(
      `${flag} ${output} ${how} the ${input.role} ${shownIn}: writing there would overwrite the input this command reads. Give another path for ${flag}, e.g. ${flag} ${example}.`,
    );
  }
}

/**
 * `recovery-sim run x.json --json > x.json`: the shell opened (and, with `>`, emptied) the input
 * as standard output before recovery-sim started. Say so before reading it, instead of a puzzling
 * "invalid JSON" about a file that was fine a moment ago.
 */
export function refuseStdoutOntoInput(input: InputFile, stdout: () => Stats | undefined = stdoutStats): void {
  if (!sameInode(stdout(), regularFile(input.path))) return;
  const shown = displayPath(resolve(input.path));
  throw new UsageError(
    `standard output is redirected into the ${input.role} ${shown}, the file this command reads: with \`>\` the shell has already emptied it, with \`>>\` the results would be appended to it. Restore ${shown} (e.g. \`git checkout -- ${shown}\`) and redirect to another file, e.g. \`> results.txt\`.`,
  );
}

function stdoutStats(): Stats | undefined {
  try {
    const stats = fstatSync(1);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}
