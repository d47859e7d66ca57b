import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../sim/index.js';
import { UsageError } from '../../src/cli/errors.js';
import { OutputFile } from '../../src/cli/output-file.js';
import { TraceFile } from '../../src/cli/trace-file.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'recovery-sim-file-'));
}

const page = { flag: '--out', what: 'the report', example: 'run.html', inputs: [] };

describe('OutputFile', () => {
  it('writes beside the destination and renames into place only on commit', () => {
    const d = dir();
    const target = join(d, 'run.html');
    writeFileSync(target, 'old');
    const out = OutputFile.open({ ...page, path: target });
    expect(out.path).not.toBe(target);
    writeFileSync(out.path, 'half of a new');
    expect(readFileSync(target, 'utf8')).toBe('old');
    out.commit();
    expect(readFileSync(target, 'utf8')).toBe('half of a new');
    expect(readdirSync(d)).toEqual(['run.html']);
  });

  it('a discarded write leaves the old file and no temporary file', () => {
    const d = dir();
    const target = join(d, 'run.html');
    writeFileSync(target, 'old');
    const out = OutputFile.open({ ...page, path: target });
    writeFileSync(out.path, 'interrupted');
    out.discard();
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(d)).toEqual(['run.html']);
  });

  it('keeps the permissions of the file it replaces', () => {
    const target = join(dir(), 'private.html');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    OutputFile.open({ ...page, path: target }).write('new');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('writes through a symbolic link, which stays a link', () => {
    const d = dir();
    writeFileSync(join(d, 'real.html'), 'old');
    symlinkSync(join(d, 'real.html'), join(d, 'latest.html'));
    OutputFile.open({ ...page, path: join(d, 'latest.html') }).write('new');
    expect(lstatSync(join(d, 'latest.html')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real.html'), 'utf8')).toBe('new');
  });

  it('creates missing directories when asked, and removes them again when nothing is written', () => {
    const d = dir();
    const out = OutputFile.open({ ...page, path: join(d, 'reports', 'deep', 'run.html'), makeDirectories: true });
    expect(existsSync(join(d, 'reports', 'deep'))).toBe(true);
    out.discard();
    expect(readdirSync(d)).toEqual([]);
  });

  it('refuses an input as the output before touching anything', () => {
    const d = dir();
    const input = join(d, 'x.json');
    writeFileSync(input, '{}');
    expect(() => OutputFile.open({ ...page, path: input, inputs: [{ role: 'scenario file', path: input }] })).toThrow(UsageError);
    expect(readdirSync(d)).toEqual(['x.json']);
    expect(readFileSync(input, 'utf8')).toBe('{}');
  });
});

describe('TraceFile', () => {
  const record = (i: number): TraceRecord => ({ i, t: i * 10, type: 'fault', action: { kind: 'heal', note: 'x'.repeat(200) } }) as unknown as TraceRecord;

  it('appears only once committed, whole', () => {
    const d = dir();
    const target = join(d, 'run.jsonl');
    const trace = TraceFile.open(target, []);
    for (let i = 0; i < 1000; i++) trace.write(record(i));
    trace.close();
    expect(existsSync(target)).toBe(false);
    trace.commit();
    const lines = readFileSync(target, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[999] ?? '')).toMatchObject({ i: 999 });
    expect(readdirSync(d)).toEqual(['run.jsonl']);
  });

  it('a run that fails leaves no file', () => {
    const d = dir();
    const trace = TraceFile.open(join(d, 'run.jsonl'), []);
    for (let i = 0; i < 1000; i++) trace.write(record(i));
    trace.discard();
    expect(readdirSync(d)).toEqual([]);
  });

  it('a device that fills up mid-run stops it as bad input naming the path', () => {
    const trace = TraceFile.open('/dev/full', []);
    let thrown: unknown;
    try {
      for (let i = 0; i < 10_000; i++) trace.write(record(i));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe('--trace /dev/full: cannot write the trace file (no space left on the device). Free some space there, or choose a path on another file system, e.g. --trace run.jsonl.');
  });
});
