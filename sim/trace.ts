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
  write(record: TraceRecord): void;
  close(): void;
}

export type TraceObserver<E extends TraceEventBase> = (record: TraceRecord<E>) => void;

/**
 * Sees every record, but takes the kernel's send and deliver records (nine in ten) as their
 * fields: it builds a record (`sendRecord`, `deliverRecord`) only for the few it passes on.
 */
export interface TraceWatcher<E extends TraceEventBase> {
  /** Every record but the kernel's sends and deliveries. */
  observe(record: TraceRecord<E>): void;
  /** The fields of a send record, as `Trace.send` takes them. */
  send(i: number, t: VirtualTime, m: number, from: string, to: string, msg: object, call: number | undefined, reply: number | undefined): void;
  /** The fields of a deliver record, as `Trace.deliver` takes them. */
  deliver(i: number, t: VirtualTime, m: number, to: string, dup: boolean, late: boolean): void;
}

/** The kernel's record of a message sent, `{ i, t, type: 'send', m, from, to, msg, call? | reply? }` (at most one of `call` and `reply`). */
export function sendRecord(i: number, t: VirtualTime, m: number, from: string, to: string, msg: object, call: number | undefined, reply: number | undefined): Record<string, unknown> {
  const record: Record<string, unknown> = { i, t, type: 'send', m, from, to, msg };
  if (call !== undefined) record['call'] = call;
  else if (reply !== undefined) record['reply'] = reply;
  return record;
}

/** The kernel's record of a message handed over, `{ i, t, type: 'deliver', m, to, dup?: true, late?: true }`. */
export function deliverRecord(i: number, t: VirtualTime, m: number, to: string, dup: boolean, late: boolean): Record<string, unknown> {
  const record: Record<string, unknown> = { i, t, type: 'deliver', m, to };
  if (dup) record['dup'] = true;
  if (late) record['late'] = true;
  return record;
}

/**
 * The run's journal: typed events appended in order, a running hash over every one of them, and
 * observers called synchronously on the types they asked for. The hash is mixed from each
 * event's fields directly, whoever watches; a record (`i`, `t` and the fields) is built only when
 * an observer or the sink takes it, and JSON text only when the sink is there to write it.
 * Records are JSON-plain (no Maps, no bigints) so their content, and so the hash, is canonical.
 */
export class Trace<E extends TraceEventBase = TraceEventBase> {
  private readonly running = new RunningHash();
  private readonly everything: TraceObserver<E>[] = [];
  private watcher: TraceWatcher<E> | undefined;
  private readonly byType = new Map<string, TraceObserver<E>[]>();
  private readonly sink: TraceSink | undefined;
  private n = 0;
  /** Per type: the every-record observers, then the type's own (in the order they are called). */
  private readonly observersByType = new Map<string, readonly TraceObserver<E>[]>();
  // Nine records in ten are the kernel's sends and deliveries: their observers are kept at hand
  // (kept up to date by `subscribe`), and their records built only for these and the sink.
  private sendObservers: readonly TraceObserver<E>[] = [];
  private deliverObservers: readonly TraceObserver<E>[] = [];

  constructor(sink?: TraceSink) {
    this.sink = sink;
  }

  get count(): number {
    return this.n;
  }

  get hash(): string {
    return this.running.digest();
  }

  /** Call `observer` on every record, or only on records of the given types. */
  subscribe(observer: TraceObserver<E>, types?: readonly E['type'][]): void {
    if (types === undefined) this.everything.push(observer);
    else {
      for (const type of new Set(types)) {
        const list = this.byType.get(type);
        if (list === undefined) this.byType.set(type, [observer]);
        else list.push(observer);
      }
    }
    this.observersByType.clear();
    this.sendObservers = this.observersOf('send');
    this.deliverObservers = this.observersOf('deliver');
  }

  /**
   * Let `watcher` see every record before any observer does (one watcher per trace): messages as
   * their fields, every other record as itself.
   */
  watch(watcher: TraceWatcher<E>): void {
    if (this.watcher !== undefined) throw new Error('a trace has one watcher');
    this.watcher = watcher;
  }

  private observersOf(type: string): readonly TraceObserver<E>[] {
    let observers = this.observersByType.get(type);
    if (observers === undefined) {
      observers = [...this.everything, ...(this.byType.get(type) ?? [])];
      this.observersByType.set(type, observers);
    }
    return observers;
  }

  /** Whether anyone takes records of this type (so a caller may skip building a costly event). */
  observes(type: E['type']): boolean {
    return this.sink !== undefined || this.watcher !== undefined || this.everything.length > 0 || this.byType.has(type);
  }

  emit(t: VirtualTime, event: E): void {
    if (!this.observes(event.type)) {
      this.running.record(this.n++, t, event);
      return;
    }
    this.append({ i: this.n, t, ...event } as TraceRecord<E>);
  }

  /** The position the next record takes (a caller building its own record numbers it with this). */
  get next(): number {
    return this.n;
  }

  /**
   * Append a record the caller built: `i` is `next`, then `t`, then the event's fields, in that
   * order (the order the JSON lines show). No copy is made. (The kernel's message records have
   * their own entry points below, which build a record only for someone who takes it.)
   */
  append(record: TraceRecord<E>): void {
    if (record.i !== this.n) throw new Error(`trace record ${record.i} appended at position ${this.n}`);
    this.n++;
    this.running.value(record);
    this.dispatch(record);
  }

  /**
   * The kernel's record of a message sent, `{ i, t, type: 'send', m, from, to, msg, call? | reply? }`
   * (at most one of `call` and `reply`): hashed from its fields, built only when someone takes it.
   */
  send(t: VirtualTime, m: number, from: string, to: string, msg: object, call: number | undefined, reply: number | undefined): void {
    const i = this.n++;
    this.running.send(i, t, m, from, to, msg, call, reply);
    this.watcher?.send(i, t, m, from, to, msg, call, reply);
    // The watcher took the fields: only the sink and the observers want the record.
    if (this.sink !== undefined || this.sendObservers.length > 0) this.dispatchTo(sendRecord(i, t, m, from, to, msg, call, reply) as unknown as TraceRecord<E>, this.sendObservers);
  }

  /** The kernel's record of a message handed over, `{ i, t, type: 'deliver', m, to, dup?: true, late?: true }`. */
  deliver(t: VirtualTime, m: number, to: string, dup: boolean, late: boolean): void {
    const i = this.n++;
    this.running.deliver(i, t, m, to, dup, late);
    this.watcher?.deliver(i, t, m, to, dup, late);
    if (this.sink !== undefined || this.deliverObservers.length > 0) this.dispatchTo(deliverRecord(i, t, m, to, dup, late) as unknown as TraceRecord<E>, this.deliverObservers);
  }

  /** The kernel's record of a message lost, `{ i, t, type: 'drop', m, cause }`. */
  drop(t: VirtualTime, m: number, cause: string): void {
    const i = this.n++;
    this.running.drop(i, t, m, cause);
    if (this.observes('drop' as E['type'])) this.dispatch({ i, t, type: 'drop', m, cause } as unknown as TraceRecord<E>);
  }

  private dispatch(record: TraceRecord<E>): void {
    this.watcher?.observe(record);
    this.dispatchTo(record, this.observersOf(record.type));
  }

  private dispatchTo(record: TraceRecord<E>, observers: readonly TraceObserver<E>[]): void {
    this.sink?.write(record);
    for (let k = 0; k < observers.length; k++) (observers[k] as TraceObserver<E>)(record);
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

  write(record: TraceRecord): void {
    const json = JSON.stringify(record);
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
