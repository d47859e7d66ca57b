import { describe, expect, it } from 'vitest';
import { initialLayout, SYSTEM_TAG, USER_TAG } from '../../../src/cluster/decisions/layout-plan.js';
import { SYSTEM_KEY_PREFIX } from '../../../src/cluster/types.js';

const vacancies = (n: number): { vacancy: number }[] => Array.from({ length: n }, (_, i) => ({ vacancy: i + 1 }));

describe('initialLayout (§4.2)', () => {
  it('tags: system is 0 and user is 1; system prefix is 0xFF', () => {
    expect(SYSTEM_TAG).toBe(0);
    expect(USER_TAG).toBe(1);
    expect(SYSTEM_KEY_PREFIX).toBe('\u00ff');
  });

  const cases: { name: string; n: number; r: number }[] = [
    { name: 'Bedrock default N=1, R=1', n: 1, r: 1 },
    { name: 'test fixtures N=2, R=3', n: 2, r: 3 },
    { name: 'simulator default N=3, R=3', n: 3, r: 3 },
    { name: 'more logs than replicas N=5, R=2', n: 5, r: 2 },
    { name: 'more replicas than logs N=1, R=4', n: 1, r: 4 },
  ];

  it.each(cases)('$name: N log vacancies carrying [0,1]', ({ n, r }) => {
    const layout = initialLayout(n, r);
    expect(layout.logs).toEqual(vacancies(n).map((id) => ({ id, tags: [0, 1] })));
  });

  it.each(cases)('$name: two teams, system [0xFF, END) tag 0 and user ["", 0xFF) tag 1, in that order', ({ n, r }) => {
    const layout = initialLayout(n, r);
    expect(layout.storageTeams.map((t) => ({ tag: t.tag, keyRange: t.keyRange }))).toEqual([
      { tag: 0, keyRange: { start: '\u00ff', end: null } },
      { tag: 1, keyRange: { start: '', end: '\u00ff' } },
    ]);
  });

  it.each(cases)('$name: both teams hold the SAME vacancies V1..VR', ({ n, r }) => {
    const [system, user] = initialLayout(n, r).storageTeams;
    expect(system?.storageIds).toEqual(vacancies(r));
    expect(user?.storageIds).toEqual(vacancies(r));
  });

  it('the two key ranges partition the key space: user ends exactly where system starts', () => {
    const [system, user] = initialLayout(1, 1).storageTeams;
    expect(user?.keyRange.start).toBe('');
    expect(user?.keyRange.end).toBe(system?.keyRange.start);
    expect(system?.keyRange.end).toBeNull();
  });

  it('zero logs gives no log vacancies but still two teams', () => {
    const layout = initialLayout(0, 2);
    expect(layout.logs).toEqual([]);
    expect(layout.storageTeams).toHaveLength(2);
  });
});
