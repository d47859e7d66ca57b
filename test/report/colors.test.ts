import { describe, expect, it } from 'vitest';
import { EPOCH_PALETTE, VIOLATION_RED, epochColor, epochColors, hsl, inkOn, looksRed } from '../../src/report/html/model/colors.js';

describe('epoch colours', () => {
  it('are a fixed palette indexed by epoch number: the same epoch has the same colour in every run', () => {
    expect(epochColor(1)).toBe(EPOCH_PALETTE[0]);
    expect(epochColor(2)).toBe(EPOCH_PALETTE[1]);
    expect(epochColor(1 + EPOCH_PALETTE.length)).toBe(epochColor(1));
    // the map a report carries is the same function, whatever other epochs the run has
    expect(epochColors([6, 1, 46]).get(6)).toBe(epochColor(6));
    expect(epochColors([6]).get(6)).toBe(epochColor(6));
    expect([...epochColors([46, 1, 6, 6]).keys()]).toEqual([1, 6, 46]);
  });

  it('never look red: red is kept for violations', () => {
    for (const c of EPOCH_PALETTE) expect(looksRed(c), c).toBe(false);
    for (let e = 0; e < 200; e++) expect(looksRed(epochColor(e)), `epoch ${e}`).toBe(false);
    expect(looksRed(VIOLATION_RED)).toBe(true);
    // the reds and oranges the page used to give epochs are recognised as red
    for (const old of ['#c8102e', '#be185d', '#c2410c', '#ea580c', '#fca5a5']) expect(looksRed(old), old).toBe(true);
  });

  it('are all different, and neighbouring epochs differ clearly', () => {
    expect(new Set(EPOCH_PALETTE).size).toBe(EPOCH_PALETTE.length);
    for (let e = 1; e < 40; e++) {
      const a = hsl(epochColor(e));
      const b = hsl(epochColor(e + 1));
      const hue = Math.min(Math.abs(a.h - b.h), 360 - Math.abs(a.h - b.h));
      expect(hue > 30 || Math.abs(a.l - b.l) > 0.15 || Math.abs(a.s - b.s) > 0.4, `e${e} ${epochColor(e)} / e${e + 1} ${epochColor(e + 1)}`).toBe(true);
    }
  });

  it('pick readable text for a band', () => {
    expect(inkOn('#eab308')).toBe('#1d2330');
    expect(inkOn('#2563eb')).toBe('#ffffff');
  });
});
