import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { count } from './quote.js';
import { ScenarioError } from './scenario-error.js';

/**
 * A scenario file's text, read so that no path can hang or flood the simulator: only regular
 * files (a FIFO or a device would block or never end), at most `MAX_FILE_BYTES` (scenarios are a
 * few kilobytes), UTF-8 only (a byte-order mark is dropped, UTF-16 and binary data are named as
 * such). Every refusal is a `ScenarioError` naming the path and what to do.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function unreadable(shown: string, e: unknown): ScenarioError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new ScenarioError([`${shown}: no such file`], 'missing');
    case 'ENOTDIR':
      return new ScenarioError([`${shown}: no such file (a part of the path is a file, not a directory)`], 'missing');
    case 'EACCES':
    case 'EPERM':
      return new ScenarioError([`${shown}: cannot be read (permission denied)`]);
    case 'ELOOP':
      return new ScenarioError([`${shown}: cannot be read (a loop of symbolic links)`]);
    case 'ENAMETOOLONG':
      return new ScenarioError([`${shown}: cannot be read (the path is too long)`]);
    default:
      return new ScenarioError([`${shown}: cannot be read (${code ?? 'unknown error'})`]);
  }
}

/** Up to `limit` bytes of the file: its size may change after `stat`, and a /proc file has none. */
function readBytes(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    for (let n = 1; n > 0 && length < limit; length += n) n = readSync(fd, buffer, length, limit - length, null);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const tooLarge = (shown: string, bytes: string): ScenarioError =>
  new ScenarioError([`${shown}: is ${bytes}; a scenario file is at most ${count(MAX_FILE_BYTES / 1024 / 1024)} MiB (scenarios take a few kilobytes: is this the right file?)`]);

export function readScenarioText(file: string, shown: string): string {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (e) {
    throw unreadable(shown, e);
  }
  if (stat.isDirectory()) throw new ScenarioError([`${shown}: is a directory, not a scenario file; give a .json or .yaml file (or a bundled scenario's name)`]);
  if (!stat.isFile()) throw new ScenarioError([`${shown}: is ${kindOf(stat)}, not a scenario file; give a .json or .yaml file`]);
  if (stat.size > MAX_FILE_BYTES) throw tooLarge(shown, `${(stat.size / 1024 / 1024).toFixed(1)} MiB`);
  let bytes: Buffer;
  try {
    bytes = readBytes(file, MAX_FILE_BYTES + 1);
  } catch (e) {
    throw unreadable(shown, e);
  }
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(shown, `more than ${count(MAX_FILE_BYTES / 1024 / 1024)} MiB`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ScenarioError([`${shown}: is UTF-16 text; save it as UTF-8`]);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ScenarioError([`${shown}: holds binary data (a zero byte at byte ${count(nul)}); a scenario is a JSON or YAML text file`]);
  try {
    // Fatal: a file that is not UTF-8 is named as such, not read with replacement characters in it.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ScenarioError([`${shown}: is not UTF-8 text; save it as UTF-8`]);
  }
}
