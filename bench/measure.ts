/** One printed bench figure. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note?: string;
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function format(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k`;
  return value.toFixed(2);
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Best of `n` runs: the least disturbed by the machine's other work. */
export function bestOf(n: number, run: () => Figure): Figure {
  let best = run();
  for (let i = 1; i < n; i++) {
    const f = run();
    if (f.value > best.value) best = f;
  }
  return best;
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
