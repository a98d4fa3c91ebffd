import type { CommandContext } from '../../renderer/domain';

/** Deterministic ids and clock for tests: same seed, same document. */
export function testContext(name = 'Ada', prefix = name.toLowerCase()): CommandContext & { tick: (ms: number) => void } {
  let counter = 0;
  let clock = 1_800_000_000_000;
  return {
    actor: { id: `${prefix}-id`, name },
    now: () => clock,
    newId: () => `${prefix}-${(counter += 1)}`,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

export const label = (key: string): string => `[${key}]`;
