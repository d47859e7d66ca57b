/**
 * Virtual time as the CLI prints it: seconds with three decimals, rounded once, to the nearest
 * millisecond (the way run results round publication times, `atMs`), so every place that prints
 * a moment prints the same digits for it.
 */
export function clock(us: number): string {
  const ms = Math.round(us / 1000);
  const s = Math.floor(ms / 1000);
  return `${s}.${String(ms - s * 1000).padStart(3, '0')}s`;
}

/** `clock` right-aligned in the timeline's time column (9 columns). */
export function clockColumn(us: number): string {
  return clock(us).padStart(9);
}
