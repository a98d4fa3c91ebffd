import * as Y from 'yjs';
import type { Result } from '../../shared/result';
import { readPlan, type PlanView } from '../domain';

/**
 * A snapshot opened for reading: a fresh Y.Doc that nothing persists or syncs, so whatever a
 * component does with it can never reach the real plan. Destroy it when done.
 */
export function snapshotToDoc(state: Uint8Array): Result<Y.Doc> {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch {
    doc.destroy();
    return { ok: false, error: { code: 'history/unreadable', message: 'This snapshot cannot be read. It was left on disk.' } };
  }
  return { ok: true, value: doc };
}

/** The snapshot's read model, as the plan looked then. */
export function snapshotView(state: Uint8Array): Result<PlanView> {
  const doc = snapshotToDoc(state);
  if (!doc.ok) return doc;
  try {
    return { ok: true, value: readPlan(doc.value) };
  } finally {
    doc.value.destroy();
  }
}
