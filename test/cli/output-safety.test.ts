import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, fixture, ROOT, type CliRun } from './helpers.js';

/** A fresh directory holding a copy of a small scenario, `x.yaml`. */
function workspace(): { dir: string; input: string; bytes: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'recovery-sim-out-'));
  const input = join(dir, 'x.yaml');
  copyFileSync(fixture('tiny.yaml'), input);
  return { dir, input, bytes: readFileSync(input) };
}

function temporaries(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

/** Bad input: exit 2, one message on stderr, no stack trace, nothing on stdout. */
function expectBadInput(r: CliRun): string {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  return r.stderr;
}

/** Run the binary with standard output going to an already open file descriptor (a shell's `>`). */
function cliToFd(args: readonly string[], fd: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', fd, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

describe.concurrent('an output never replaces an input', () => {
  it.each([
    ['run --trace', (input: string) => ['run', input, '--trace', input, '--quiet'], '--trace', '--trace run.jsonl'],
    ['report --out', (input: string) => ['report', input, '--out', input], '--out', '--out run.html'],
    ['shrink --out', (input: string) => ['shrink', input, '--seed', '1', '--out', input], '--out', '--out tiny-seed1.json'],
  ])('%s onto the scenario file is refused, naming both paths', async (_, args, flag, example) => {
    const { input, bytes } = workspace();
    const err = expectBadInput(await cli(args(input)));
    expect(err).toBe(`recovery-sim: ${flag} ${input} is the scenario file ${input}: writing there would overwrite the input this command reads. Give another path for ${flag}, e.g. ${example}.\n`);
    expect(readFileSync(input)).toEqual(bytes);
  });

  it('through a symbolic link, a hard link or a detour through another directory', async () => {
    const { dir, input, bytes } = workspace();
    symlinkSync(input, join(dir, 'link.yaml'));
    linkSync(input, join(dir, 'hard.yaml'));
    mkdirSync(join(dir, 'sub'));
    const [viaLink, viaHard, viaDetour] = await Promise.all([
      cli(['run', input, '--trace', join(dir, 'link.yaml')]),
      cli(['report', input, '--out', join(dir, 'hard.yaml')]),
      cli(['run', input, '--trace', `${dir}/sub/../x.yaml`]),
    ]);
    expect(expectBadInput(viaLink)).toMatch(new RegExp(`--trace ${dir}/link\\.yaml leads to the scenario file ${dir}/x\\.yaml: writing there would overwrite`));
    expect(expectBadInput(viaHard)).toMatch(new RegExp(`--out ${dir}/hard\\.yaml is a hard link to the scenario file ${dir}/x\\.yaml`));
    expect(expectBadInput(viaDetour)).toMatch(/--trace .*\/sub\/\.\.\/x\.yaml is the scenario file .*\/x\.yaml/);
    expect(readFileSync(input)).toEqual(bytes);
    expect(temporaries(dir)).toEqual([]);
  });

  it.each([
    ['run --json', (input: string) => ['run', input, '--json']],
    ['sweep --json', (input: string) => ['sweep', input, '--seeds', '1..2', '--json']],
    ['power --json', (input: string) => ['power', input, '--seeds', '1..1', '--mutate', 'no-fencing', '--json']],
  ])('%s with standard output appended to the scenario file is refused before anything is written', async (_, args) => {
    const { input, bytes } = workspace();
    const fd = openSync(input, 'a');
    try {
      const err = expectBadInput(await cliToFd(args(input), fd));
      expect(err).toMatch(new RegExp(`^recovery-sim: standard output is redirected into the scenario file ${input}, the file this command reads: with \`>\` the shell has already emptied it`));
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(input)).toEqual(bytes);
  });
});

describe.concurrent('a path that cannot be written is bad input naming it', () => {
  it.each([
    [['run', '--trace', '/dev/full', '--quiet'], /^recovery-sim: --trace \/dev\/full: cannot write the trace file \(no space left on the device\)\. Free some space there, or choose a path on another file system, e\.g\. --trace run\.jsonl\.\n$/],
    [['report', 'bootstrap', '--out', '/dev/full'], /^recovery-sim: --out \/dev\/full: cannot write the report \(no space left on the device\)\./],
  ])('%j', async (args, message) => {
    expect(expectBadInput(await cli(args))).toMatch(message);
  });

  it('standard output on a full device is bad input, said on stderr', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = await cliToFd(['list', 'mutations'], fd);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('recovery-sim: cannot write to standard output (no space left on the device). Redirect it to a file on a device with free space that you can write to.\n');
    } finally {
      closeSync(fd);
    }
  });

  it('a missing directory, a file in the way and a directory as the output', async () => {
    const { dir, input } = workspace();
    writeFileSync(join(dir, 'afile'), 'not a directory');
    const [missing, fileInWay, dirTrace, dirReport, dirShrink] = await Promise.all([
      cli(['run', input, '--trace', join(dir, 'no', 'such', 't.jsonl'), '--quiet']),
      cli(['report', input, '--out', join(dir, 'afile', 'r.html')]),
      cli(['run', input, '--trace', dir, '--quiet']),
      cli(['report', input, '--out', dir]),
      cli(['shrink', input, '--seed', '1', '--out', `${dir}/`]),
    ]);
    expect(expectBadInput(missing)).toBe(`recovery-sim: --trace ${dir}/no/such/t.jsonl: cannot write the trace file (its directory does not exist). Choose a path in a writable directory, e.g. --trace run.jsonl.\n`);
    expect(expectBadInput(fileInWay)).toBe(`recovery-sim: --out ${dir}/afile/r.html: cannot write the report (a part of the path is a file, not a directory). Choose a path in a writable directory, e.g. --out run.html.\n`);
    expect(expectBadInput(dirTrace)).toBe(`recovery-sim: --trace ${dir}: cannot write the trace file (it is a directory). Give a file path, not a directory, e.g. --trace ${dir}/run.jsonl.\n`);
    expect(expectBadInput(dirReport)).toMatch(new RegExp(`^recovery-sim: --out ${dir}: cannot write the report \\(it is a directory\\)\\. Give a file path, not a directory, e\\.g\\. --out ${dir}/run\\.html\\.`));
    expect(expectBadInput(dirShrink)).toMatch(new RegExp(`^recovery-sim: --out ${dir}/: cannot write the shrunk scenario \\(it is a directory\\)`));
    expect(readdirSync(dir).sort()).toEqual(['afile', 'x.yaml']);
  });
});

describe.concurrent('a written file appears whole, in place of the old one', () => {
  it('a trace and a report replace what was there, with nothing left beside them', async () => {
    const { dir, input } = workspace();
    const trace = join(dir, 'run.jsonl');
    const page = join(dir, 'run.html');
    writeFileSync(trace, 'old trace\n');
    writeFileSync(page, 'old page');
    const [run, report] = await Promise.all([cli(['run', input, '--trace', trace, '--quiet']), cli(['report', input, '--out', page])]);
    expect(run.code, run.stderr).toBe(0);
    expect(report.code, report.stderr).toBe(0);
    const events = Number(/(\d+) events written/.exec(run.stderr)?.[1]);
    const lines = readFileSync(trace, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(events);
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ i: events - 1 });
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/i);
    expect(temporaries(dir)).toEqual([]);
  });
});
