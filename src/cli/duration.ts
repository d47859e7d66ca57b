import { UsageError } from './errors.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A week is the longest budget a nightly job could mean; more is a typo (10000m for 10m). */
export const MAX_BUDGET_MS = 7 * 86_400_000;

/**
 * `--for 10m`, `90s`, `1h30m`, `2h`: a wall-clock budget in milliseconds. A bare number is
 * refused rather than guessed at, since seconds and minutes are both plausible.
 */
export function parseDuration(value: string, flag = '--for'): number {
  const text = value.trim().toLowerCase();
  const example = `Example: ${flag} 10m (units: ms, s, m, h, d; combined as 1h30m).`;
  if (/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`${flag} ${value.trim()} has no unit: write ${text}s for seconds or ${text}m for minutes. ${example}`);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (text === '' || parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`${flag} must be a duration such as 30s, 10m or 1h30m, got "${value.slice(0, 40)}". ${example}`);
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] as string] as number), 0);
  if (ms < 1) throw new UsageError(`${flag} ${value.trim()} is no time at all: give a budget of 1 ms or more. ${example}`);
  if (ms > MAX_BUDGET_MS) throw new UsageError(`${flag} ${value.trim()} is more than a week (${MAX_BUDGET_MS / 3_600_000} h), the longest budget accepted. ${example}`);
  return Math.round(ms);
}

/** How a budget reads back: 600000 → "10m", 5400000 → "1h30m". */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join('');
}
