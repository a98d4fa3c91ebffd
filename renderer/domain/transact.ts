import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from './context';

/** Every domain mutation goes through here so undo, storage and sync see one local origin. */
export function transactLocal<T>(doc: Y.Doc, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, LOCAL_ORIGIN);
  return result;
}
