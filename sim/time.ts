/**
 * Virtual time is an integer count of microseconds since the simulation began.
 * Integers keep arithmetic exact, so two runs never diverge on rounding.
 */
export type VirtualTime = number;
/** A span of virtual time, also in integer microseconds. */
export type Duration = number;

export const ZERO_TIME: VirtualTime = 0;

export function us(n: number): Duration {
  return Math.round(n);
}

export function ms(n: number): Duration {
  return Math.round(n * 1_000);
}

export function s(n: number): Duration {
  return Math.round(n * 1_000_000);
}

export function toMs(t: VirtualTime | Duration): number {
  return t / 1_000;
}

/** `12.345s`-style rendering for timelines; fixed width makes columns line up. */
export function formatTime(t: VirtualTime): string {
  return (t / 1_000_000).toFixed(3).padStart(8, ' ') + 's';
}
