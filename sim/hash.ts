/** Scratch space to read a double's two 32-bit halves. */
const f64 = new Float64Array(1);
const halves = new Int32Array(f64.buffer);

// A tag before each value, so values of different kinds (or shapes) never mix to the same words.
const INT = 0x1b873593;
const FLOAT = 0x2545f491;
const STRING = 0x68e31da4;
const TRUE = 0x7fb5d329;
const FALSE = 0x3c6ef372;
const NULL = 0x5bd1e995;
const ARRAY = 0x0b4d5f6d;
const OBJECT = 0x61c88647;
const END = 0x27d4eb2f;

/** Distinct strings whose hashes are kept (messages reuse a few names; a larger set is cleared). */
const STRING_CACHE_LIMIT = 1 << 16;

/** A string's own 32-bit hash (the cache below only saves recomputing it). */
function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** `s`'s hash through `cache` (cleared when it grows past the limit). */
function cachedHash(cache: Map<string, number>, s: string): number {
  const known = cache.get(s);
  if (known !== undefined) return known;
  const h = hashString(s);
  if (cache.size >= STRING_CACHE_LIMIT) cache.clear();
  cache.set(s, h);
  return h;
}

// The keys and type names of the kernel's message records, hashed once.
const K_I = hashString('i');
const K_T = hashString('t');
const K_TYPE = hashString('type');
const K_M = hashString('m');
const K_FROM = hashString('from');
const K_TO = hashString('to');
const K_MSG = hashString('msg');
const K_CALL = hashString('call');
const K_REPLY = hashString('reply');
const K_DUP = hashString('dup');
const K_LATE = hashString('late');
const K_CAUSE = hashString('cause');
const SEND = hashString('send');
const DELIVER = hashString('deliver');
const DROP = hashString('drop');

/**
 * A running 64-bit hash (two 32-bit lanes) over JSON-plain values, mixed from their fields
 * directly: numbers and strings go in as words, strings through a cache of their own hashes, so no
 * JSON text and no copy is made. Two values with different JSON encodings get different words
 * (keys in insertion order, `undefined` fields left out as JSON leaves them out). Not
 * cryptographic: it only has to tell two traces apart, cheaply, per event.
 */
export class RunningHash {
  private h1 = 0xdeadbeef | 0;
  private h2 = 0x41c6ce57;
  /** String values seen (names, pids, and the data the run writes: large). */
  private readonly strings = new Map<string, number>();
  /** Object keys seen (a few dozen names, looked up for every field: kept apart so it stays small). */
  private readonly keys = new Map<string, number>();

  /**
   * One trace record, `{ i: index, t: time, ...fields }`, without building it: the same words as
   * `value` of that object.
   */
  record(index: number, time: number, fields: object): void {
    this.open(index, time);
    this.fields(fields);
    this.word(END);
  }

  /**
   * A `send` record, `{ i, t, type: 'send', m, from, to, msg, call? | reply? }`: the same words as
   * `value` of that object, with no object built. Every message passes here.
   */
  send(i: number, t: number, m: number, from: string, to: string, msg: object, call: number | undefined, reply: number | undefined): void {
    this.head(i, t, SEND);
    this.word(K_M);
    this.number(m);
    this.word(K_FROM);
    this.string(from);
    this.word(K_TO);
    this.string(to);
    this.word(K_MSG);
    this.value(msg);
    if (call !== undefined) {
      this.word(K_CALL);
      this.number(call);
    } else if (reply !== undefined) {
      this.word(K_REPLY);
      this.number(reply);
    }
    this.word(END);
  }

  /** A `deliver` record, `{ i, t, type: 'deliver', m, to, dup?: true, late?: true }`. */
  deliver(i: number, t: number, m: number, to: string, dup: boolean, late: boolean): void {
    this.head(i, t, DELIVER);
    this.word(K_M);
    this.number(m);
    this.word(K_TO);
    this.string(to);
    if (dup) {
      this.word(K_DUP);
      this.word(TRUE);
    }
    if (late) {
      this.word(K_LATE);
      this.word(TRUE);
    }
    this.word(END);
  }

  /** A `drop` record, `{ i, t, type: 'drop', m, cause }`. */
  drop(i: number, t: number, m: number, cause: string): void {
    this.head(i, t, DROP);
    this.word(K_M);
    this.number(m);
    this.word(K_CAUSE);
    this.string(cause);
    this.word(END);
  }

  /** Any JSON-plain value. */
  value(v: unknown): void {
    switch (typeof v) {
      case 'number':
        this.number(v);
        return;
      case 'string':
        this.string(v);
        return;
      case 'boolean':
        this.word(v ? TRUE : FALSE);
        return;
      case 'object':
        if (v === null) this.word(NULL);
        else if (Array.isArray(v)) this.array(v);
        else this.object(v);
        return;
      default:
        // undefined and functions: JSON leaves them out of objects (and writes null in arrays).
        this.word(NULL);
    }
  }

  /** 16 hex digits. */
  digest(): string {
    const h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507) ^ Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    const h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
  }

  /** The opening words of a record: `{ i, t`. */
  private open(i: number, t: number): void {
    this.word(OBJECT);
    this.word(K_I);
    this.number(i);
    this.word(K_T);
    this.number(t);
  }

  /** The opening words of a kernel record: `{ i, t, type`. */
  private head(i: number, t: number, type: number): void {
    this.open(i, t);
    this.word(K_TYPE);
    this.word(STRING);
    this.word(type);
  }

  private string(s: string): void {
    this.word(STRING);
    this.word(this.stringHash(s));
  }

  private number(v: number): void {
    if ((v | 0) === v) {
      this.word(INT);
      this.word(v);
    } else {
      f64[0] = v;
      this.word(FLOAT);
      this.word(halves[0] as number);
      this.word(halves[1] as number);
    }
  }

  private array(v: readonly unknown[]): void {
    this.word(ARRAY);
    this.word(v.length);
    for (let i = 0; i < v.length; i++) this.value(v[i]);
  }

  private object(v: object): void {
    this.word(OBJECT);
    this.fields(v);
    this.word(END);
  }

  private fields(v: object): void {
    const o = v as Record<string, unknown>;
    for (const key in o) {
      const field = o[key];
      if (field === undefined || typeof field === 'function') continue;
      this.word(this.keyHash(key));
      this.value(field);
    }
  }

  private word(x: number): void {
    const h1 = this.h1 ^ x;
    const h2 = this.h2 ^ x;
    this.h1 = Math.imul((h1 << 13) | (h1 >>> 19), 2654435761);
    this.h2 = Math.imul((h2 << 17) | (h2 >>> 15), 1597334677);
  }

  private keyHash(key: string): number {
    return cachedHash(this.keys, key);
  }

  private stringHash(s: string): number {
    return cachedHash(this.strings, s);
  }
}
