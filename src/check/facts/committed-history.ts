import type { LogEntry, ServiceId, TransactionSystemLayout, Version } from '../../cluster/types.js';
import type { GroundTruth } from '../types.js';
import type { Publication } from './publications.js';

/** Something about the published history that is wrong, found while fixing it. */
export interface HistoryProblem {
  readonly message: string;
  readonly witnesses: readonly number[];
}

const encode = (writes: LogEntry['writes']): string => JSON.stringify(writes);

/** The entry at `version` in a sorted entry list, if there is one. */
export function entryAt(entries: readonly LogEntry[], version: Version): LogEntry | undefined {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = (entries[mid] as LogEntry).version;
    if (v === version) return entries[mid];
    if (v < version) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

/** Writes by version, and for each key the values it took, in version order. */
class HistoryIndex {
  readonly writes = new Map<Version, string>();
  private readonly byKey = new Map<string, { version: Version; value: string }[]>();
  top: Version = 0;

  add(entry: LogEntry): void {
    this.writes.set(entry.version, encode(entry.writes));
    if (entry.version > this.top) this.top = entry.version;
    for (const w of entry.writes) {
      const list = this.byKey.get(w.key);
      if (list === undefined) this.byKey.set(w.key, [{ version: entry.version, value: w.value }]);
      else list.push({ version: entry.version, value: w.value });
    }
  }

  valueAt(key: string, version: Version): { value: string | null; writtenAt: Version | null } {
    const list = this.byKey.get(key) ?? [];
    let found: { version: Version; value: string } | undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const w = list[i] as { version: Version; value: string };
      if (w.version <= version) {
        found = w;
        break;
      }
    }
    return found === undefined ? { value: null, writtenAt: null } : { value: found.value, writtenAt: found.version };
  }
}

/** A read-only view of the committed history up to `top`. */
export interface HistoryView {
  readonly top: Version;
  writesAt(version: Version): string | undefined;
  valueAt(key: string, version: Version): { value: string | null; writtenAt: Version | null };
}

/**
 * The committed history, from ground truth: each publication fixes the versions (first, rv] its
 * layout's logs hold on disk. What a later publication holds at an already fixed version must be
 * the same (published history is never rewritten). Beyond the newest publication, a version is
 * committed when every log of the newest layout holds it with the same writes.
 */
export class CommittedHistory {
  private readonly index = new HistoryIndex();
  /** Problems found by the latest `fix`. */
  problems: HistoryProblem[] = [];

  constructor(private readonly truth: GroundTruth) {}

  get fixedUpTo(): Version {
    return this.index.top;
  }

  /** A layout was just published: fix its recovered history and compare it with what was fixed. */
  fix(p: Publication): void {
    this.problems = [];
    const { first, last } = p.tsl.versionVector;
    const logs = p.tsl.logs.map((l) => ({ id: l.id, entries: this.truth.log(l.id)?.entries ?? [] }));
    const missing = new Set<ServiceId>();
    let rewritten = 0;
    let disagreed = 0;
    for (let v = first + 1; v <= last; v++) {
      let chosen: LogEntry | undefined;
      for (const log of logs) {
        const e = entryAt(log.entries, v);
        if (e === undefined) {
          if (!missing.has(log.id)) {
            missing.add(log.id);
            this.problems.push({ message: `log ${log.id} of published epoch ${p.epoch} holds no version ${v}, below its recovery version ${last}`, witnesses: [p.event] });
          }
          continue;
        }
        if (chosen === undefined) chosen = e;
        else if (encode(e.writes) !== encode(chosen.writes) && disagreed++ === 0) {
          this.problems.push({ message: `the logs of published epoch ${p.epoch} disagree at version ${v}`, witnesses: [p.event] });
        }
      }
      if (chosen === undefined) continue;
      const fixed = this.index.writes.get(v);
      if (fixed === undefined) {
        if (v > this.index.top) this.index.add(chosen);
      } else if (fixed !== encode(chosen.writes) && rewritten++ === 0) {
        this.problems.push({
          message: `published epoch ${p.epoch} rewrote committed history: at version ${v} its logs hold ${encode(chosen.writes)}, an earlier publication fixed ${fixed}`,
          witnesses: [p.event],
        });
      }
    }
  }

  /** The fixed history, extended by the versions every log of `latest` holds identically. */
  view(latest: TransactionSystemLayout | undefined): HistoryView {
    const tail = new HistoryIndex();
    const fixed = this.index;
    if (latest !== undefined) {
      const logs = latest.logs.map((l) => this.truth.log(l.id)?.entries ?? []);
      for (let v = fixed.top + 1; logs.length > 0; v++) {
        const copies = logs.map((entries) => entryAt(entries, v));
        const first = copies[0];
        if (first === undefined || copies.some((c) => c === undefined || encode(c.writes) !== encode(first.writes))) break;
        tail.add(first);
      }
    }
    return {
      top: Math.max(fixed.top, tail.top),
      writesAt: (v) => fixed.writes.get(v) ?? tail.writes.get(v),
      valueAt: (key, v) => {
        const late = v > fixed.top ? tail.valueAt(key, v) : { value: null, writtenAt: null };
        return late.writtenAt !== null ? late : fixed.valueAt(key, v);
      },
    };
  }
}
