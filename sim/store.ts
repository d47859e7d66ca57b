/**
 * A node's durable storage seen by one process: what is written here survives the process's
 * crash and the node's restart. Values are kept by reference, so mutating a stored object
 * is a durable write.
 */
export interface DurableStore {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T): void;
  delete(key: string): void;
  /** Keys of this namespace, sorted. */
  keys(): string[];
}

export class NamespacedStore implements DurableStore {
  constructor(
    private readonly disk: Map<string, unknown>,
    private readonly prefix: string,
  ) {}

  get<T>(key: string): T | undefined {
    return this.disk.get(this.prefix + key) as T | undefined;
  }

  set<T>(key: string, value: T): void {
    this.disk.set(this.prefix + key, value);
  }

  delete(key: string): void {
    this.disk.delete(this.prefix + key);
  }

  keys(): string[] {
    const out: string[] = [];
    for (const key of this.disk.keys()) if (key.startsWith(this.prefix)) out.push(key.slice(this.prefix.length));
    return out.sort();
  }
}
