import type * as Y from 'yjs';

/**
 * The documents of plans open right now (normally one). Importing a file of an open plan must
 * merge through its live Y.Doc, so its persistence saves the merge and its sync sends it on.
 */
const open = new Map<string, Y.Doc>();

export function registerOpenDoc(planId: string, doc: Y.Doc): () => void {
  open.set(planId, doc);
  return () => {
    if (open.get(planId) === doc) open.delete(planId);
  };
}

export const openDocFor = (planId: string): Y.Doc | undefined => open.get(planId);
