import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFailure, type OutputName } from './io-failure.js';
import { realTarget, refuseOverwritingInput, type InputFile } from './same-file.js';

export interface OutputFileOptions extends OutputName {
  /** Files the command reads: the output must not be one of them. */
  readonly inputs: readonly InputFile[];
  /** Create missing directories on the way (`reports/`), instead of refusing the path. */
  readonly makeDirectories?: boolean;
}

/** `/dev/stdout` redirected to a file resolves to that file, which a rename would unlink from under the shell. */
const DEVICE_PATH = /^\/(dev|proc)\//;

function existing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * A file a command writes. Checked and opened before the work starts, so a bad path fails in a
 * second rather than after a long run, and written beside its destination under a temporary
 * name, then renamed into place: a failed or interrupted write leaves the old file (or none),
 * never a half-written one where the user expects a result. Devices and pipes (`/dev/null`,
 * `/dev/stdout`) cannot be replaced by a rename and are written directly.
 */
export class OutputFile {
  private done = false;

  private constructor(
    readonly name: OutputName,
    /** The real destination (symbolic links followed: the link keeps pointing at the new file). */
    readonly target: string,
    /** Where the bytes go until `commit`; undefined when written directly. */
    private readonly temporary: string | undefined,
    /** The outermost directory `open` created, removed again (when empty) if nothing is written. */
    private readonly created: string | undefined = undefined,
  ) {}

  static open(o: OutputFileOptions): OutputFile {
    const flag = o.flag ?? 'the output';
    refuseOverwritingInput(flag, o.path, o.inputs, o.example);
    const target = realTarget(o.path);
    const stats = existing(target);
    try {
      if (stats?.isDirectory() === true) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if ((stats !== undefined && !stats.isFile()) || DEVICE_PATH.test(resolve(o.path))) return new OutputFile(o, resolve(o.path), undefined);
      const created = o.makeDirectories === true ? mkdirSync(dirname(target), { recursive: true }) : undefined;
      const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      closeSync(openSync(temporary, 'wx', 0o666));
      // Replacing a file keeps its permissions, as writing into it would have.
      if (stats !== undefined) chmodSync(temporary, stats.mode & 0o7777);
      return new OutputFile(o, target, temporary, created);
    } catch (e) {
      throw writeFailure(e, o);
    }
  }

  /** Where to write until `commit`. */
  get path(): string {
    return this.temporary ?? this.target;
  }

  /** Write the whole content and put it in place. */
  write(content: string): void {
    try {
      writeFileSync(this.path, content);
    } catch (e) {
      this.discard();
      throw writeFailure(e, this.name);
    }
    this.commit();
  }

  /** Put what was written at `path` in place. */
  commit(): void {
    if (this.done) throw new Error(`${this.target} was already committed or discarded`);
    this.done = true;
    if (this.temporary === undefined) return;
    try {
      renameSync(this.temporary, this.target);
    } catch (e) {
      removeQuietly(this.temporary);
      throw writeFailure(e, this.name);
    }
  }

  /** Give up: remove the temporary file. Harmless after `commit`, so it can sit in a `finally`. */
  discard(): void {
    if (this.done) return;
    this.done = true;
    if (this.temporary !== undefined) removeQuietly(this.temporary);
    if (this.created !== undefined) removeEmptyDirectories(dirname(this.target), this.created);
  }

  /** The error to throw for an I/O failure while writing `path` (bad input, naming the path). */
  failure(error: unknown): unknown {
    return writeFailure(error, this.name);
  }
}

/** Remove `from` and its parents up to `upTo`, while they are empty. */
function removeEmptyDirectories(from: string, upTo: string): void {
  for (let dir = from; dir.length >= upTo.length; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === upTo) return;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or the directory went away: nothing left to clean
  }
}
