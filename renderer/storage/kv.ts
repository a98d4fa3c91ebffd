import type { z } from 'zod';
import type { Result } from '../../shared/result';
import type { LockstepDB } from './db';
import { problem, storageProblemFrom, type StorageProblem } from './errors';

/** A typed slot in the `kv` table: its key, the shape it must have, and what to use otherwise. */
export interface KvKey<T> {
  readonly key: string;
  readonly schema: z.ZodType<T>;
  readonly fallback: T;
}

export const defineKvKey = <T>(key: string, schema: z.ZodType<T>, fallback: T): KvKey<T> => ({ key, schema, fallback });

export interface KvRead<T> {
  value: T;
  /** Why the fallback was used although something was stored (damaged value, read error). */
  problem: StorageProblem | null;
}

/** Never fails: a missing value gives the fallback silently, a damaged one the fallback plus a problem. */
export async function getKv<T>(db: LockstepDB, slot: KvKey<T>): Promise<KvRead<T>> {
  let stored: unknown;
  try {
    stored = (await db.kv.get(slot.key))?.value;
  } catch (error) {
    return { value: slot.fallback, problem: storageProblemFrom(error, 'read') };
  }
  if (stored === undefined) return { value: slot.fallback, problem: null };
  const parsed = slot.schema.safeParse(stored);
  if (parsed.success) return { value: parsed.data, problem: null };
  return {
    value: slot.fallback,
    problem: problem('storage/invalid', `A saved setting ("${slot.key}") was damaged, so the default is used. It is replaced when you change it.`),
  };
}

export async function setKv<T>(db: LockstepDB, slot: KvKey<T>, value: T): Promise<Result<T, StorageProblem>> {
  const parsed = slot.schema.safeParse(value);
  if (!parsed.success) return { ok: false, error: problem('storage/invalid', `That value is not valid for "${slot.key}".`) };
  try {
    await db.kv.put({ key: slot.key, value: parsed.data });
    return { ok: true, value: parsed.data };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}

export async function deleteKv(db: LockstepDB, slot: KvKey<unknown>): Promise<Result<void, StorageProblem>> {
  try {
    await db.kv.delete(slot.key);
    return { ok: true, value: undefined };
  } catch (error) {
    return { ok: false, error: storageProblemFrom(error, 'write') };
  }
}
