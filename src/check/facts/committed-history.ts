import type { LogEntry, StorageTeam, Tag, TransactionSystemLayout, Version, Write } from '../../cluster/types.js';
import type { GroundTruth } from '../types.js';
import type { Publication } from './publications.js';

/** Something about the published history that is wrong, found while fixing it. */
export interface HistoryProblem {
  readonly message: string;
  readonly witnesses: readonly number[];
}

/** The entry at `version` in a sorted entry list (among its first `end`), if there is one. */
export function entryAt(entries: readonly LogEntry[], version: Version, end = entries.length): LogEntry | undefined {
  let lo = 0;
  let hi = Math.min(end, entries.length);
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

/** A version's writes split by shard, each in the order they were committed. */
function splitByShard(writes: readonly Write[], teams: readonly StorageTeam[]): Map<Tag, Write[]> {
  const split = new Map<Tag, Write[]>();
  for (const w of writes) {
    const tag = shardOf(teams, w.key) ?? -1;
    const list = split.get(tag);
    if (list === undefined) split.set(tag, [w]);
    else list.push(w);
  }
  return split;
}

/** Each shard's writes as canonical JSON. */
function encodeByShard(split: ReadonlyMap<Tag, readonly Write[]>): Map<Tag, string> {
  const json = new Map<Tag, string>();
  for (const [tag, list] of split) json.set(tag, JSON.stringify(list));
  return json;
}

/** A version's writes split by shard, each in the order they were committed (canonical JSON). */
export function writesByShard(writes: readonly Write[], teams: readonly StorageTeam[]): Map<Tag, string> {
  return encodeByShard(splitByShard(writes, teams));
}

const EMPTY = '[]';
const NO_WRITES: readonly Write[] = Object.freeze([]);

/**
 * Writes by version and shard (only what was written: most versions write nothing), each shard's
 * written versions in order, and for each key the values it took. Kept flat (one map entry per
 * version and shard, parallel arrays per key) since it grows with every commit of the run.
 */
class HistoryIndex {
  private readonly writes = new Map<number, string>();
  /** The same writes as the objects they were encoded from (no decoding back). */
  private readonly lists = new Map<number, readonly Write[]>();
  private readonly byKey = new Map<string, { readonly versions: Version[]; readonly values: string[] }>();
  private readonly byShard = new Map<Tag, Version[]>();
  top: Version = 0;

  /** One number for a version and a shard (tags are small; -1 is a key outside every team). */
  private static slot(version: Version, shard: Tag): number {
    return version * 4096 + (shard + 1);
  }

  /** The writes each shard agreed on at `version`: as canonical JSON, and as the writes themselves. */
  add(version: Version, byShard: Map<Tag, string>, lists: Map<Tag, readonly Write[]>): void {
    if (version > this.top) this.top = version;
    for (const [tag, json] of byShard) {
      if (json === EMPTY) continue;
      this.writes.set(HistoryIndex.slot(version, tag), json);
      this.lists.set(HistoryIndex.slot(version, tag), lists.get(tag) ?? []);
      const versions = this.byShard.get(tag);
      if (versions === undefined) this.byShard.set(tag, [version]);
      else versions.push(version);
      for (const w of lists.get(tag) ?? []) {
        const list = this.byKey.get(w.key);
        if (list === undefined) this.byKey.set(w.key, { versions: [version], values: [w.value] });
        else {
          list.versions.push(version);
          list.values.push(w.value);
        }
      }
    }
  }

  shardWritesAt(version: Version, shard: Tag): string | undefined {
    if (version > this.top) return undefined;
    return this.writes.get(HistoryIndex.slot(version, shard)) ?? EMPTY;
  }

  shardWriteListAt(version: Version, shard: Tag): readonly Write[] | undefined {
    if (version > this.top) return undefined;
    return this.lists.get(HistoryIndex.slot(version, shard)) ?? NO_WRITES;
  }

  writtenVersions(shard: Tag, upTo: Version): Version[] {
    return (this.byShard.get(shard) ?? []).filter((v) => v <= upTo);
  }

  /** Every key ever written, for a shard's state at a version. */
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  valueAt(key: string, version: Version): { value: string | null; writtenAt: Version | null } {
    const list = this.byKey.get(key);
    if (list === undefined) return { value: null, writtenAt: null };
    let lo = 0;
    let hi = list.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list.versions[mid] as Version) <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? { value: null, writtenAt: null } : { value: list.values[lo - 1] as string, writtenAt: list.versions[lo - 1] as Version };
  }
}

/** A read-only view of the committed history up to `top`. */
export interface HistoryView {
  readonly top: Version;
  /** The writes of `shard` committed at `version` (canonical JSON), undefined beyond the history. */
  shardWritesAt(version: Version, shard: Tag): string | undefined;
  /** The same writes as objects (read-only; undefined beyond the history). */
  shardWriteListAt(version: Version, shard: Tag): readonly Write[] | undefined;
  /** The versions at which `shard` was written, up to `upTo`. */
  writtenVersions(shard: Tag, upTo: Version): Version[];
  valueAt(key: string, version: Version): { value: string | null; writtenAt: Version | null };
  /** The state of `shard` at `version`: each of its keys' last committed value (sorted by key, canonical JSON). */
  stateAt(shard: Tag, version: Version, teams: readonly StorageTeam[]): string;
}

interface LogHolding {
  readonly id: string;
  readonly tags: readonly Tag[];
  readonly entries: readonly LogEntry[];
  /** How many entries (from the start) are durable. */
  readonly synced: number;
}

/** What every log of `tsl` carrying each shard holds at `version`, if they all hold it and agree. */
function agreedAt(logs: readonly LogHolding[], tsl: TransactionSystemLayout, version: Version, syncedOnly = false) {
  const byShard = new Map<Tag, string>();
  const lists = new Map<Tag, readonly Write[]>();
  const problems: string[] = [];
  let complete = true;
  // Logs usually hold the very entry a proxy pushed to them all: it is split and encoded once.
  let lastEntry: LogEntry | undefined;
  let split = new Map<Tag, Write[]>();
  let json = new Map<Tag, string>();
  for (const log of logs) {
    const e = entryAt(log.entries, version, syncedOnly ? log.synced : log.entries.length);
    if (e === undefined) {
      complete = false;
      problems.push(`log ${log.id} of epoch ${tsl.epoch} holds no version ${version}`);
      continue;
    }
    if (e !== lastEntry) {
      lastEntry = e;
      split = splitByShard(e.writes, tsl.storageTeams);
      json = encodeByShard(split);
    }
    for (const tag of split.keys()) {
      if (!log.tags.includes(tag)) problems.push(`log ${log.id} of epoch ${tsl.epoch} holds writes of shard ${tag} at version ${version}, a shard it does not carry`);
    }
    for (const tag of log.tags) {
      const shardJson = json.get(tag) ?? EMPTY;
      const prior = byShard.get(tag);
      if (prior === undefined) {
        byShard.set(tag, shardJson);
        lists.set(tag, split.get(tag) ?? []);
      } else if (prior !== shardJson) {
        complete = false;
        problems.push(`the logs of epoch ${tsl.epoch} carrying shard ${tag} disagree at version ${version}`);
      }
    }
  }
  return { byShard, lists, problems, complete };
}

/**
 * The committed history, from ground truth, shard by shard. While a layout is the newest
 * published one, every version all of its logs hold durably (and agree on) is committed; each
 * publication also fixes the versions (first, rv] its layout's logs hold on disk (every log
 * carrying a shard must hold its writes, and no log may hold a shard it does not carry). What a
 * later publication holds at an already fixed version must be the same: published history is never
 * rewritten. (Logs pop what storage has made durable, so the history is read as it happens.)
 */
export class CommittedHistory {
  private readonly index = new HistoryIndex();
  /** Problems found by the latest `fix`. */
  problems: readonly HistoryProblem[] = [];

  constructor(private readonly truth: GroundTruth) {}

  get fixedUpTo(): Version {
    return this.index.top;
  }

  /** The logs of `tsl` as their disks hold them; `present`: only those whose disk still exists. */
  private logsOf(tsl: TransactionSystemLayout, present = false): LogHolding[] {
    const out: LogHolding[] = [];
    for (const l of tsl.logs) {
      const log = this.truth.logEntries(l.id);
      if (present && log === undefined) continue;
      out.push({ id: l.id, tags: l.tags, entries: log?.entries ?? [], synced: log?.synced ?? 0 });
    }
    return out;
  }

  /** A layout was just published: fix its recovered history and compare it with what was fixed. */
  fix(p: Publication): void {
    const problems: HistoryProblem[] = [];
    this.problems = problems;
    const seen = new Set<string>();
    const note = (message: string): void => {
      // One report per kind of problem and log is enough to make the point.
      const kind = message.replace(/version \d+/g, 'version');
      if (seen.has(kind)) return;
      seen.add(kind);
      problems.push({ message, witnesses: [p.event] });
    };
    const { first, last } = p.tsl.versionVector;
    // A log whose disk was wiped (a replaced machine) holds nothing any more: the others must.
    const logs = this.logsOf(p.tsl, true);
    for (let v = first + 1; v <= last; v++) {
      const agreed = agreedAt(logs, p.tsl, v);
      for (const problem of agreed.problems) note(`${problem}, below its recovery version ${last}`);
      if (v > this.index.top) {
        if (agreed.complete) this.index.add(v, agreed.byShard, agreed.lists);
        continue;
      }
      for (const [tag, json] of agreed.byShard) {
        const before = this.index.shardWritesAt(v, tag) ?? EMPTY;
        if (before !== json) note(`published epoch ${p.epoch} rewrote committed history: at version ${v} its logs hold ${json} for shard ${tag}, an earlier publication fixed ${before}`);
      }
    }
  }

  /** Take in every version all logs of the newest published layout now hold durably. */
  observe(latest: TransactionSystemLayout): void {
    if (latest.logs.length === 0) return;
    // Nothing new is complete until every log has synced a version above what is taken in: this
    // runs at every sync and every delivery to those logs, so it stops at the first without news.
    const logs: LogHolding[] = [];
    // No version above the lowest of the logs' last durable ones is held by them all.
    let bound = Infinity;
    for (const l of latest.logs) {
      const log = this.truth.logEntries(l.id);
      const last = log?.entries[Math.min(log.synced, log.entries.length) - 1];
      if (log === undefined || last === undefined || last.version <= this.index.top) return;
      logs.push({ id: l.id, tags: l.tags, entries: log.entries, synced: log.synced });
      if (last.version < bound) bound = last.version;
    }
    for (let v = this.index.top + 1; v <= bound; v++) {
      const agreed = agreedAt(logs, latest, v, true);
      if (!agreed.complete) return;
      this.index.add(v, agreed.byShard, agreed.lists);
    }
  }

  view(): HistoryView {
    const index = this.index;
    return {
      top: index.top,
      shardWritesAt: (v, shard) => index.shardWritesAt(v, shard),
      shardWriteListAt: (v, shard) => index.shardWriteListAt(v, shard),
      writtenVersions: (shard, upTo) => index.writtenVersions(shard, upTo),
      valueAt: (key, v) => index.valueAt(key, v),
      stateAt: (shard, v, teams) => {
        const state: Write[] = [];
        for (const key of index.keys()) {
          if (shardOf(teams, key) !== shard) continue;
          const { value } = index.valueAt(key, v);
          if (value !== null) state.push({ key, value });
        }
        return JSON.stringify(state.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
      },
    };
  }
}
