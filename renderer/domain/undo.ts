import * as Y from 'yjs';
import { LOCAL_ORIGIN } from './context';
import { ROOTS } from './docShape';

/**
 * Undo/redo of one's own structured edits. Only transactions with the local origin are tracked,
 * so nobody undoes a colleague's change. The rich-text narrative has its own undo in the editor.
 */
export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  const scope = Object.values(ROOTS)
    .filter((name) => name !== ROOTS.narrative && name !== ROOTS.activity)
    .map((name) => doc.getMap(name));
  return new Y.UndoManager(scope, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 400 });
}
