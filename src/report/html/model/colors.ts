/**
 * One colour per epoch, the same everywhere on the page. Epochs are ranked in order and the hue
 * steps by the golden angle, so neighbouring epochs get clearly different colours.
 */
export function epochColors(epochs: Iterable<number>): Map<number, string> {
  const sorted = [...new Set(epochs)].sort((a, b) => a - b);
  return new Map(sorted.map((epoch, rank) => [epoch, `hsl(${Math.round((rank * 137.508 + 210) % 360)}, 68%, 48%)`]));
}
