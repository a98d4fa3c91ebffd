/**
 * Everything a command needs from the outside world. Injected so that seeded multi-peer tests
 * can replay exactly the same ids and clock.
 */
export interface Actor {
  /** Stable local profile id. */
  id: string;
  name: string;
}

export interface CommandContext {
  actor: Actor;
  now: () => number;
  newId: () => string;
}

/** Commands run inside transactions with this origin; the UndoManager tracks only it. */
export const LOCAL_ORIGIN: unique symbol = Symbol('lockstep/local');

export function defaultContext(actor: Actor): CommandContext {
  return { actor, now: () => Date.now(), newId: () => globalThis.crypto.randomUUID() };
}
