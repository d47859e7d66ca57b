/**
 * Colours with one meaning each. Red is kept for violations alone; every epoch gets a colour from
 * a fixed palette indexed by its number (so epoch 6 has the same colour in every run and every
 * report), and the palette has no reds, pinks or oranges: a band's colour never reads as an alarm.
 * Eleven entries, a prime, so epochs that step by the number of coordinators (terms 7, 10, 13, …)
 * still run through every colour before one repeats; neighbouring entries differ in hue and lightness.
 */
export const EPOCH_PALETTE: readonly string[] = [
  '#2563eb', // blue
  '#a16207', // ochre
  '#0d9488', // teal
  '#7c3aed', // violet
  '#65a30d', // lime
  '#38bdf8', // sky
  '#166534', // dark green
  '#eab308', // gold
  '#155e75', // dark cyan
  '#a21caf', // fuchsia (a purple, well away from red)
  '#64748b', // slate
];

/** The one colour of violations (and of the witnesses that prove them). */
export const VIOLATION_RED = '#c8102e';

/** Epoch `e`'s colour: the palette entry `e - 1` (epoch 1 is blue), wrapping around. */
export function epochColor(epoch: number): string {
  const n = EPOCH_PALETTE.length;
  return EPOCH_PALETTE[(((Math.trunc(epoch) - 1) % n) + n) % n] as string;
}

/** Every epoch that appears, with its colour, in epoch order. */
export function epochColors(epochs: Iterable<number>): Map<number, string> {
  const sorted = [...new Set(epochs)].sort((a, b) => a - b);
  return new Map(sorted.map((epoch) => [epoch, epochColor(epoch)]));
}

/** Hue (degrees), saturation and lightness (0..1) of a `#rrggbb` colour. */
export function hsl(hex: string): { h: number; s: number; l: number } {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  const r = ((v >> 16) & 255) / 255;
  const g = ((v >> 8) & 255) / 255;
  const b = (v & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  return { h, s, l };
}

/** Whether a colour would be read as red (or pink, or red-orange): a saturated hue near 0°. */
export function looksRed(hex: string): boolean {
  const { h, s } = hsl(hex);
  return s > 0.25 && (h >= 320 || h <= 28);
}

/** Text that stays readable on a band of this colour. */
export function inkOn(hex: string): string {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  const lum = 0.299 * ((v >> 16) & 255) + 0.587 * ((v >> 8) & 255) + 0.114 * (v & 255);
  return lum > 150 ? '#1d2330' : '#ffffff';
}
