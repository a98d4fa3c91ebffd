import * as prng from 'lib0/prng';

/**
 * Seeded randomness for tests. `SEED=123 npx vitest …` reproduces a failing run; the seed is in
 * every test name and failure message.
 */
export function seedFromEnv(): number {
  const fromEnv = Number(process.env['SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}

export function makeRng(seed: number): () => number {
  const gen = prng.create(seed);
  return () => prng.real53(gen);
}
