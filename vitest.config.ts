import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/sync/**/*.test.ts', 'test/storage/**/*.test.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Vitest's default of 1 s is shorter than what the app may take on a busy machine
          // (the home inbox waits for a quiet period, ~0.8 s, and took 2.8 s in one run), and
          // expect.poll does not follow the page's default timeout.
          expect: { poll: { timeout: 30_000 } },
        },
      },
      {
        test: {
          name: 'soak',
          environment: 'node',
          include: ['test/sync/**/*.soak.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
          testTimeout: 1_800_000,
        },
      },
      {
        test: {
          name: 'reliability',
          environment: 'node',
          include: ['test/reliability/**/*.test.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
          fileParallelism: false,
          testTimeout: 1_800_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The same suite inside `npm test`, with a time budget: fewer crashes and seeds.
        test: {
          name: 'reliability-ci',
          environment: 'node',
          include: ['test/reliability/**/*.test.ts'],
          setupFiles: ['test/setup/fake-indexeddb.ts'],
          fileParallelism: false,
          testTimeout: 1_800_000,
          hookTimeout: 120_000,
          env: { CRASHES: '10', SEEDS: '1', FUZZ_CASES: '1000' },
        },
      },
    ],
  },
});
