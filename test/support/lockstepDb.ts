import { afterEach } from 'vitest';
import { forgetLockstepDB, openLockstepDB, type LockstepDB } from '../../renderer/storage';

/**
 * Real Lockstep databases for the tests of one file, opened the way the app opens them (on
 * fake-indexeddb) and closed and forgotten after every test. Call at the top of the file: its
 * clean-up then runs after the file's own (sessions are disposed before their database closes).
 */
export function useLockstepDB(prefix: string): () => Promise<LockstepDB> {
  const opened: { db: LockstepDB; name: string }[] = [];
  afterEach(() => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      forgetLockstepDB(name);
    }
  });
  return async () => {
    const name = `${prefix}-${Math.random().toString(36).slice(2)}`;
    const result = await openLockstepDB(name);
    if (!result.ok) throw new Error(result.error.message);
    opened.push({ db: result.value, name });
    return result.value;
  };
}
