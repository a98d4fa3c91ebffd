import type * as Y from 'yjs';
import type { Disposable } from '../workspace/planSession';

/**
 * The seam for the sync integration: given an opened plan's id and document (already loaded
 * from disk), start a session and return how to stop it.
 */
export type AttachSync = (planId: string, doc: Y.Doc) => Disposable;
