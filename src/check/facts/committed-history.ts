import type { LogEntry, StorageTeam, Tag, TransactionSystemLayout, Version, Write } from '../../cluster/types.js';
import type { GroundTruth } from '../types.js';
import type { Publication } from './publications.js';

/** Something about the published history that is wrong, found while fixing it. */
export interface HistoryProblem {
  readonly message: string;
  readonly witnesses: readonly number[];
}

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

/** The shard (team tag) a key belongs to, by the layout's key ranges: the checkers' own lookup. */
export function shardOf(teams: readonly StorageTeam[], key: string): Tag | undefined {
  for (const t of teams) if (t.keyRange.start <= key && (t.keyRange.end === null || key < t.keyRange.end)) return t.tag;
  return undefined;
}

/** A version's writes split by shard, each in the order they were committed (canonical JSON). */
export function writesByShard(writes: readonly Write[], teams: readonly StorageTeam[]): Map<Tag, string> {
  const split = new Map<Tag, Write[]>();
  for (const w of writes) {
    const tag = shardOf(teams, w.key) ?? -1;
    split.set(tag, [...(split.get(tag) ?? []), w]);
  }
  return new Map([...split.entries()].map(([tag, list]) => [tag, JSON.stringify(list)]));
}

const EMPTY = '[]';

/** Writes by version and shard, and for each key the values it took, in version order. */
class HistoryIndex {
  readonly writes = new Map<Version, Map<Tag, string>>();
  private readonly byKey = new Map<string, { version: Version; value: string }[]>();
  top: Version = 0;

  add(version: Version, byShard: Map<Tag, string>): void {
    this.writes.set(version, byShard);
    if (version > this.top) this.top = version;
    for (const json of byShard.values()) {
      for (const w of JSON.parse(json) as Write[]) {
        const list = this.byKey.get(w.key);
        if (list === undefined) this.byKey.set(w.key, [{ version, value: w.value }]);
        else list.push({ version, value: w.value });
      }
    }
  }

  valueAt(key: string, version: Version): { value: string | null; writtenAt: Version | null } {
    const list = this.byKey.get(key) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const w = list[i] as { version: Version; value: string };
      if (w.version <= version) return { value: w.value, writtenAt: w.version };
    }
    return { value: null, writtenAt: null };
  }
}

/** A read-only view of the committed history up to `top`. */
export interface HistoryView {
  readonly top: Version;
  /** The writes of `shard` committed at `version` (canonical JSON), undefined beyond the history. */
  shardWritesAt(version: Version, shard: Tag): string | undefined;
  valueAt(key: string, version: Version): { value: string | null; writtenAt: Version | null };
}

/** What every log of `tsl` carrying each shard holds at `version`, if they all hold it and agree. */
function agreedAt(logs: readonly { id: string; tags: readonly Tag[]; entries: readonly LogEntry[] }[], tsl: TransactionSystemLayout, version: Version) {
  const byShard = new Map<Tag, string>();
  const problems: string[] = [];
  let complete = true;
  for (const log of logs) {
    const e = entryAt(log.entries, version);
    if (e === undefined) {
      complete = false;
      problems.push(`log ${log.id} of epoch ${tsl.epoch} holds no version ${version}`);
      continue;
    }
    const split = writesByShard(e.writes, tsl.storageTeams);
    for (const tag of split.keys()) {
      if (!log.tags.includes(tag)) problems.push(`log ${log.id} of epoch ${tsl.epoch} holds writes of shard ${tag} at version ${version}, a shard it does not carry`);
    }
    for (const tag of log.tags) {
      const json = split.get(tag) ?? EMPTY;
      const prior = byShard.get(tag);
      if (prior === undefined) byShard.set(tag, json);
      else if (prior !== json) {
        complete = false;
        problems.push(`the logs of epoch ${tsl.epoch} carrying shard ${tag} disagree at version ${version}`);
      }
    }
  }
  return { byShard, problems, complete };
}

/**
 * The committed history, from ground truth, shard by shard: each publication fixes the versions
 * (first, rv] its layout's logs hold on disk (every log carrying a shard must hold its writes, and
 * no log may hold a shard it does not carry). What a later publication holds at an already fixed
 * version must be the same (published history is never rewritten). Beyond the newest publication,
 * a version is committed when every log of the newest layout holds it and they agree.
 */
export class CommittedHistory {
  private readonly index = new HistoryIndex();
  /** Problems found by the latest `fix`. */
  problems: HistoryProblem[] = [];

  constructor(private readonly truth: GroundTruth) {}

  get fixedUpTo(): Version {
    return this.index.top;
  }

  private logsOf(tsl: TransactionSystemLayout) {
    return tsl.logs.map((l) => ({ id: l.id, tags: l.tags, entries: this.truth.log(l.id)?.entries ?? [] }));
  }

  /** A layout was just published: fix its recovered history and compare it with what was fixed. */
  fix(p: Publication): void {
    this.problems = [];
    const seen = new Set<string>();
    const note = (message: string): void => {
      // One report per kind of problem and log is enough to make the point.
      const kind = message.replace(/version \d+/g, 'version');
      if (seen.has(kind)) return;
      seen.add(kind);
      this.problems.push({ message, witnesses: [p.event] });
    };
    const { first, last } = p.tsl.versionVector;
    const logs = this.logsOf(p.tsl);
    for (let v = first + 1; v <= last; v++) {
      const agreed = agreedAt(logs, p.tsl, v);
      for (const problem of agreed.problems) note(`${problem}, below its recovery version ${last}`);
      const fixed = this.index.writes.get(v);
      if (fixed === undefined) {
        if (v > this.index.top && agreed.complete) this.index.add(v, agreed.byShard);
        continue;
      }
      for (const [tag, json] of agreed.byShard) {
        const before = fixed.get(tag) ?? EMPTY;
        if (before !== json) note(`published epoch ${p.epoch} rewrote committed history: at version ${v} its logs hold ${json} for shard ${tag}, an earlier publication fixed ${before}`);
      }
    }
  }

  /** The fixed history, extended by the versions every log of `latest` holds identically. */
  view(latest: TransactionSystemLayout | undefined): HistoryView {
    const tail = new HistoryIndex();
    const fixed = this.index;
    if (latest !== undefined) {
      const logs = this.logsOf(latest);
      for (let v = fixed.top + 1; logs.length > 0; v++) {
        const agreed = agreedAt(logs, latest, v);
        if (!agreed.complete) break;
        tail.add(v, agreed.byShard);
      }
    }
    return {
      top: Math.max(fixed.top, tail.top),
      shardWritesAt: (v, shard) => {
        const at = fixed.writes.get(v) ?? tail.writes.get(v);
        return at === undefined ? undefined : (at.get(shard) ?? EMPTY);
      },
      valueAt: (key, v) => {
        const late = v > fixed.top ? tail.valueAt(key, v) : { value: null, writtenAt: null };
        return late.writtenAt !== null ? late : fixed.valueAt(key, v);
      },
    };
  }
}
