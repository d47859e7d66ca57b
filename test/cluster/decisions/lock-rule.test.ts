import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callerIsCurrent,
  decideLock,
  type LockHolder,
  type LockRequest,
  type LockRuleOptions,
  type LockVerdict,
} from '../../../src/cluster/decisions/lock-rule.js';

const D1 = 'director@n1#1';
const D2 = 'director@n2#1';

interface LockCase {
  readonly name: string;
  readonly holder: LockHolder;
  readonly request: LockRequest;
  readonly options?: LockRuleOptions;
  readonly expected: LockVerdict;
}

const never: LockHolder = { epoch: null, director: null };

describe('decideLock (§3.1, decision 3)', () => {
  const cases: LockCase[] = [
    // never locked
    { name: 'null holder accepts any epoch', holder: never, request: { epoch: 7, director: D1 }, expected: 'accept' },
    { name: 'null holder accepts epoch 0', holder: never, request: { epoch: 0, director: D1 }, expected: 'accept' },
    { name: 'null epoch with a leftover director still accepts', holder: { epoch: null, director: D2 }, request: { epoch: 1, director: D1 }, expected: 'accept' },
    // higher epoch
    { name: 'higher epoch from another director accepted', holder: { epoch: 3, director: D1 }, request: { epoch: 4, director: D2 }, expected: 'accept' },
    { name: 'higher epoch from the same director accepted', holder: { epoch: 3, director: D1 }, request: { epoch: 9, director: D1 }, expected: 'accept' },
    // equal epoch
    { name: 'equal epoch, same director: idempotent re-lock', holder: { epoch: 3, director: D1 }, request: { epoch: 3, director: D1 }, expected: 'accept' },
    { name: 'equal epoch, other director: refused in REF', holder: { epoch: 3, director: D1 }, request: { epoch: 3, director: D2 }, expected: 'newer_epoch_exists' },
    { name: 'equal epoch 0 is not "never locked": other director refused', holder: { epoch: 0, director: D1 }, request: { epoch: 0, director: D2 }, expected: 'newer_epoch_exists' },
    {
      name: 'equal epoch, other director: accepted with acceptEqualEpochFromOthers (F11)',
      holder: { epoch: 3, director: D1 },
      request: { epoch: 3, director: D2 },
      options: { acceptEqualEpochFromOthers: true },
      expected: 'accept',
    },
    {
      name: 'equal epoch, other director: acceptLowerEpoch alone does not open equal epochs',
      holder: { epoch: 3, director: D1 },
      request: { epoch: 3, director: D2 },
      options: { acceptLowerEpoch: true },
      expected: 'newer_epoch_exists',
    },
    // lower epoch
    { name: 'lower epoch from another director refused', holder: { epoch: 5, director: D1 }, request: { epoch: 4, director: D2 }, expected: 'newer_epoch_exists' },
    { name: 'lower epoch from the same director refused', holder: { epoch: 5, director: D1 }, request: { epoch: 1, director: D1 }, expected: 'newer_epoch_exists' },
    {
      name: 'lower epoch accepted with acceptLowerEpoch (accept-stale-lock)',
      holder: { epoch: 5, director: D1 },
      request: { epoch: 4, director: D2 },
      options: { acceptLowerEpoch: true },
      expected: 'accept',
    },
    {
      name: 'lower epoch still refused with only acceptEqualEpochFromOthers',
      holder: { epoch: 5, director: D1 },
      request: { epoch: 4, director: D2 },
      options: { acceptEqualEpochFromOthers: true },
      expected: 'newer_epoch_exists',
    },
    {
      name: 'lower epoch accepted with both switches on',
      holder: { epoch: 5, director: D1 },
      request: { epoch: 0, director: D2 },
      options: { acceptLowerEpoch: true, acceptEqualEpochFromOthers: true },
      expected: 'accept',
    },
    {
      name: 'explicitly false switches behave like REF',
      holder: { epoch: 5, director: D1 },
      request: { epoch: 4, director: D2 },
      options: { acceptLowerEpoch: false, acceptEqualEpochFromOthers: false },
      expected: 'newer_epoch_exists',
    },
  ];

  it.each(cases)('$name', ({ holder, request, options, expected }) => {
    expect(decideLock(holder, request, options)).toBe(expected);
  });

  it('S3 (REF): over any sequence of requests the accepted epochs never fall, and an equal epoch is only re-accepted from its holder', () => {
    const request = fc.record({ epoch: fc.nat({ max: 6 }), director: fc.constantFrom(D1, D2, 'director@n3#1') });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 30 }), (requests) => {
        let holder: LockHolder = never;
        for (const r of requests) {
          const verdict = decideLock(holder, r);
          if (verdict === 'accept') {
            if (holder.epoch !== null) {
              expect(r.epoch).toBeGreaterThanOrEqual(holder.epoch);
              if (r.epoch === holder.epoch) expect(r.director).toBe(holder.director);
            }
            holder = { epoch: r.epoch, director: r.director };
          } else {
            expect(holder.epoch).not.toBeNull();
            expect(r.epoch).toBeLessThanOrEqual(holder.epoch as number);
          }
        }
      }),
    );
  });
});

describe('callerIsCurrent (S5 fencing)', () => {
  const cases: { name: string; serviceEpoch: number | null; callerEpoch: number; expected: boolean }[] = [
    { name: 'never-locked service serves any caller', serviceEpoch: null, callerEpoch: 0, expected: true },
    { name: 'never-locked service serves a high caller', serviceEpoch: null, callerEpoch: 42, expected: true },
    { name: 'caller at the service epoch is current', serviceEpoch: 5, callerEpoch: 5, expected: true },
    { name: 'caller above the service epoch is current', serviceEpoch: 5, callerEpoch: 6, expected: true },
    { name: 'caller one below the service epoch is fenced', serviceEpoch: 5, callerEpoch: 4, expected: false },
    { name: 'caller far below the service epoch is fenced', serviceEpoch: 9, callerEpoch: 0, expected: false },
    { name: 'epoch 0 locked, caller 0 is current', serviceEpoch: 0, callerEpoch: 0, expected: true },
  ];

  it.each(cases)('$name', ({ serviceEpoch, callerEpoch, expected }) => {
    expect(callerIsCurrent(serviceEpoch, callerEpoch)).toBe(expected);
  });
});
