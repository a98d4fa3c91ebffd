import type * as Y from 'yjs';
import { readPlan, type PlanView } from './readPlan';

/**
 * Keeps a plan's read model current: after every transaction (local or remote) that touched the
 * document, recompute and hand the new view to the listener. Recomputation is coalesced per
 * transaction, so a bulk remote sync produces one view, not thousands.
 */
export function projectPlan(doc: Y.Doc, listener: (view: PlanView) => void): () => void {
  const onAfterTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
    listener(readPlan(doc));
  };
  doc.on('afterTransaction', onAfterTransaction);
  listener(readPlan(doc));
  return () => doc.off('afterTransaction', onAfterTransaction);
}
