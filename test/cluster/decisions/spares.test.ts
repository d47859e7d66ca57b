import { describe, expect, it } from 'vitest';
import { isFreeSpare } from '../../../src/cluster/decisions/spares.js';

describe('isFreeSpare (rule 18: never wipe history a later director may need)', () => {
  const cases: { name: string; recoveredAt: number | null; knownPublished: number | null; own: number; free: boolean }[] = [
    { name: 'a log never rebuilt holds nothing a layout needs', recoveredAt: null, knownPublished: null, own: 7, free: true },
    { name: 'rebuilt for an epoch below a published one: that layout can never be chosen again', recoveredAt: 4, knownPublished: 5, own: 7, free: true },
    { name: 'rebuilt for the published epoch itself: that layout is still the one to recover from', recoveredAt: 5, knownPublished: 5, own: 7, free: false },
    { name: 'rebuilt for an epoch above every known publication: maybe accepted by a minority', recoveredAt: 6, knownPublished: 5, own: 7, free: false },
    { name: 'rebuilt while no publication is known at all', recoveredAt: 1, knownPublished: null, own: 7, free: false },
    { name: 'rebuilt by an earlier attempt of this very director: in no layout yet', recoveredAt: 7, knownPublished: 5, own: 7, free: true },
    { name: 'rebuilt by a newer director: not this director\'s to take', recoveredAt: 9, knownPublished: 5, own: 7, free: false },
  ];

  it.each(cases)('$name', ({ recoveredAt, knownPublished, own, free }) => {
    expect(isFreeSpare(recoveredAt, knownPublished, own)).toBe(free);
  });
});
