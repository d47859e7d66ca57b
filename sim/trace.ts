import { closeSync, openSync, writeSync } from 'node:fs';
import { RunningHash } from './hash.js';
import type { VirtualTime } from './time.js';

/** Every trace event names its type; the rest is plain JSON data. */
export interface TraceEventBase {
  readonly type: string;
}

/** An event as recorded: its position in the trace (`i`, from 0) and its virtual time (`t`, µs). */
export type TraceRecord<E extends TraceEventBase = TraceEventBase> = { readonly i: number; readonly t: VirtualTime } & E;

/** Where records go besides the hash. */
export interface TraceSink {
  write(record: TraceRecord, json: string): void;
  close(): void;
}

export type TraceObserver<E extends TraceEventBase> = (record: TraceRecord<E>) => void;

/**
 * The run's journal: typed events appended in order, a running hash over their JSON encoding,
 * observers called synchronously on each event, and an optional sink.
 * Records are JSON-plain (no Maps, no bigints) so the encoding is canonical for deterministic code.
 */
export class Trace<E extends TraceEventBase = TraceEventBase> {
  private readonly running = new RunningHash();
  private readonly observers: TraceObserver<E>[] = [];
  private readonly sink: TraceSink | undefined;
  private n = 0;

  constructor(sink?: TraceSink) {
    this.sink = sink;
  }

  get count(): number {
    return this.n;
  }

  get hash(): string {
    return this.running.digest();
  }

  subscribe(observer: TraceObserver<E>): void {
    this.observers.push(observer);
  }

  emit(t: VirtualTime, event: E): TraceRecord<E> {
    const record = { i: this.n++, t, ...event } as TraceRecord<E>;
    const json = JSON.stringify(record);
    this.running.update(json);
    this.sink?.write(record, json);
    for (const observer of this.observers) observer(record);
    return record;
  }

  close(): void {
    this.sink?.close();
  }
}

/** Keeps every record in memory (tests, reports of short runs). */
export class MemorySink implements TraceSink {
  readonly records: TraceRecord[] = [];
  write(record: TraceRecord): void {
    this.records.push(record);
  }
  close(): void {}
}

/** Writes one JSON object per line, in bounded chunks, so memory does not grow with the run. */
export class JsonLinesSink implements TraceSink {
  private readonly fd: number;
  private chunk: string[] = [];
  private chunkLength = 0;
  private closed = false;

  constructor(path: string, private readonly flushAt = 1 << 16) {
    this.fd = openSync(path, 'w');
  }

  write(_record: TraceRecord, json: string): void {
    this.chunk.push(json);
    this.chunkLength += json.length + 1;
    if (this.chunkLength >= this.flushAt) this.flush();
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    writeSync(this.fd, this.chunk.join('\n') + '\n');
    this.chunk = [];
    this.chunkLength = 0;
  }
}
