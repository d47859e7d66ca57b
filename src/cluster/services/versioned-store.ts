import type { LogEntry, Version } from '../types.js';

/**
 * A storage server's multi-version view of its applied history: for each key, the values written
 * to it by version, so a read at version v sees the last write at or below v. Rebuilt from the
 * durable history when the server starts; kept in step with every apply and truncation.
 */
export class VersionedStore {
  private readonly byKey = new Map<string, { version: Version; value: string }[]>();

  constructor(history: readonly LogEntry[] = []) {
    for (const entry of history) this.apply(entry);
  }

  apply(entry: LogEntry): void {
    for (const w of entry.writes) {
      const versions = this.byKey.get(w.key);
      if (versions === undefined) this.byKey.set(w.key, [{ version: entry.version, value: w.value }]);
      else versions.push({ version: entry.version, value: w.value });
    }
  }

  /** Forget every write above `version` (recovery discarded them). */
  truncateAbove(version: Version): void {
    for (const [key, versions] of this.byKey) {
      let n = versions.length;
      while (n > 0 && (versions[n - 1] as { version: Version }).version > version) n--;
      if (n === 0) this.byKey.delete(key);
      else versions.length = n;
    }
  }

  /** The value of the last write to `key` at or below `version`; null if there is none. */
  valueAt(key: string, version: Version): string | null {
    const versions = this.byKey.get(key);
    if (versions === undefined) return null;
    let lo = 0;
    let hi = versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((versions[mid] as { version: Version }).version <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : (versions[lo - 1] as { value: string }).value;
  }
}
