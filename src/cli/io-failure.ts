import { basename, join } from 'node:path';
import { UsageError } from './errors.js';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of the path is a file, not a directory',
  // Creating the directories on the way found a file where one should be.
  EEXIST: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the file system',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many levels of symbolic links',
  ETXTBSY: 'the file is busy',
  EBUSY: 'the file is busy',
};

/** Out of room rather than in the wrong place: the fix is space, not another directory. */
const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

export interface OutputName {
  /** The flag that named the path (`--out`), if a flag did. */
  readonly flag?: string;
  /** The path as the user gave it. */
  readonly path: string;
  /** What was being written, e.g. "the report". */
  readonly what: string;
  /** A path that would do, for the fix (`run.jsonl`). */
  readonly example: string;
  /** The fix when the place is wrong (not full), if the output's path is not the user's choice. */
  readonly fix?: string;
}

/** An errno-style failure (`ENOSPC`, `EACCES`…), or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

export function reasonFor(code: string, error: unknown): string {
  return REASONS[code] ?? (error instanceof Error ? error.message : code);
}

/**
 * A failed write of a file the user named is the environment's doing (a full disk, a read-only
 * mount, a typo in a directory), not a bug: it becomes bad input (exit 2) that names the path,
 * says what went wrong in words and how to get past it. Anything else is returned as is.
 */
export function writeFailure(error: unknown, name: OutputName): unknown {
  if (error instanceof UsageError) return error;
  const code = errnoCode(error);
  if (code === undefined) return error;
  const head = name.flag !== undefined ? `${name.flag} ${name.path}` : name.path;
  const again = name.flag !== undefined ? `${name.flag} ${name.example}` : name.example;
  const fix = FULL.has(code)
    ? `Free some space there, or choose a path on another file system, e.g. ${again}.`
    : name.fix !== undefined
      ? name.fix
      : code === 'EISDIR'
        ? `Give a file path, not a directory, e.g. ${name.flag !== undefined ? `${name.flag} ` : ''}${join(name.path, basename(name.example))}.`
        : `Choose a path in a writable directory, e.g. ${again}.`;
  return new UsageError(`${head}: cannot write ${name.what} (${reasonFor(code, error)}). ${fix}`);
}
