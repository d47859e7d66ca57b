function throwingRandom(): number {
  throw new Error('Math.random was called during a simulation; simulated code must draw from ctx.rng');
}

/** Run `body` with Math.random replaced by a function that throws, so stray randomness fails loudly. */
export function withoutGlobalRandom<T>(body: () => T): T {
  const original = Math.random;
  Math.random = throwingRandom;
  try {
    return body();
  } finally {
    Math.random = original;
  }
}
