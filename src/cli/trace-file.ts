import { JsonLinesSink, type TraceRecord, type TraceSink } from '../../sim/index.js';
import { OutputFile } from './output-file.js';
import type { InputFile } from './same-file.js';

/**
 * `run --trace FILE`: the JSON-lines sink writes to a temporary file beside FILE, renamed into
 * place once the run has ended. A write that fails mid-run (a full disk) stops the run as bad
 * input naming FILE, and the temporary file is removed.
 */
export class TraceFile implements TraceSink {
  private readonly sink: JsonLinesSink;

  private constructor(private readonly file: OutputFile) {
    try {
      this.sink = new JsonLinesSink(file.path);
    } catch (e) {
      file.discard();
      throw file.failure(e);
    }
  }

  static open(path: string, inputs: readonly InputFile[]): TraceFile {
    return new TraceFile(OutputFile.open({ flag: '--trace', path, what: 'the trace file', example: 'run.jsonl', inputs }));
  }

  write(record: TraceRecord): void {
    try {
      this.sink.write(record);
    } catch (e) {
      this.file.discard();
      throw this.file.failure(e);
    }
  }

  /** Flushes what is buffered (the run calls it when it ends); `commit` then puts the file in place. */
  close(): void {
    try {
      this.sink.close();
    } catch (e) {
      this.file.discard();
      throw this.file.failure(e);
    }
  }

  commit(): void {
    this.close();
    this.file.commit();
  }

  discard(): void {
    this.file.discard();
  }
}
