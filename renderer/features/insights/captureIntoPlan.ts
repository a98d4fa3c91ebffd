import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import { captureInsight, readOffers, type Actor, type CommandContext, type InsightInput } from '../../domain';
import { persistDoc, type LockstepDB } from '../../storage';
import { openDocOf } from '../../workspace/openPlans';
import { openPlanSession, type OpenPlanOptions, type PlanSession } from '../../workspace/planSession';

export interface StoredCaptureOptions {
  db: LockstepDB;
  planId: string;
  actor: Actor;
  input: InsightInput;
  /** Injected by tests for deterministic ids and clocks. */
  ctx?: CommandContext;
  rowDelayMs?: number;
  /** Told after the plan's library row was rewritten (the library list refreshes). */
  onRowWritten?: () => void;
  /** Injected by tests to simulate a failing disk; defaults to the app's own plan opener. */
  open?: (options: OpenPlanOptions) => Promise<Result<PlanSession>>;
}

/** Origin of a capture copied into a live doc: not the local person's edit there, so not in its undo. */
const CAPTURED_ELSEWHERE = Symbol('captured elsewhere');

const message = (error: unknown): string => (error instanceof Error && error.message ? error.message : 'the disk did not accept the change');

/**
 * Captures an insight into a plan that is not open on screen. The plan is opened the way the
 * workspace opens it (its stored updates, persistence and library row), the domain command runs
 * on its Y.Doc, and the result is flushed to IndexedDB before the session is closed. No sync is
 * attached: this works offline, and the insight travels to colleagues the next time the plan is
 * open while connected (it is an ordinary update of the plan's document).
 *
 * Resolves to the new insight's id only once the change is in a committed transaction; any
 * failure comes back as a plain-words error so the caller can keep the person's draft.
 */
export async function captureIntoStoredPlan(options: StoredCaptureOptions): Promise<Result<string>> {
  const open = options.open ?? openPlanSession;
  let opened: Result<PlanSession>;
  try {
    opened = await open({
      db: options.db,
      planId: options.planId,
      actor: options.actor,
      // A quick write; compacting the plan's history is left to the next real opening (and must
      // not race another window or the portfolio that may hold this plan open).
      persist: { compactOnOpen: false },
      ...(options.ctx ? { ctx: options.ctx } : {}),
      ...(options.rowDelayMs !== undefined ? { rowDelayMs: options.rowDelayMs } : {}),
      ...(options.onRowWritten ? { onRowWritten: options.onRowWritten } : {}),
    });
  } catch (error) {
    return err('insight/plan-unavailable', `The plan could not be opened: ${message(error)}.`);
  }
  if (!opened.ok) return opened;
  const session = opened.value;
  if (!session.loadReport.ok) {
    // Writing on top of a plan we could not read would hide its real content behind ours.
    await session.dispose().catch(() => undefined);
    return err('insight/plan-unreadable', session.loadReport.message ?? 'The plan could not be read from disk.');
  }
  const written: Uint8Array[] = [];
  const collect = (update: Uint8Array): void => void written.push(update);
  session.doc.on('update', collect);
  const captured = captureInsight(session.doc, session.ctx, options.input);
  session.doc.off('update', collect);
  if (!captured.ok) {
    await session.dispose().catch(() => undefined);
    return captured;
  }
  try {
    await session.flush();
  } catch (error) {
    await session.dispose().catch(() => undefined);
    return err('insight/save-failed', `The insight could not be saved: ${message(error)}.`);
  }
  // Saved; closing can only fail in bookkeeping that retries by itself.
  await session.dispose().catch(() => undefined);
  // A copy of this plan held open elsewhere (the portfolio) shows the insight now, not after a
  // reload; its own persistence stores it once more, which Yjs merges away.
  const live = openDocOf(options.planId);
  if (live && written.length > 0) Y.applyUpdate(live, Y.mergeUpdates(written), CAPTURED_ELSEWHERE);
  return ok(captured.value);
}

/** The offers of a stored plan, for linking in the capture form. Read-only: nothing is written. */
export async function readStoredPlanOffers(db: LockstepDB, planId: string): Promise<{ id: string; name: string }[]> {
  const doc = new Y.Doc({ guid: planId });
  const persistence = persistDoc(db, planId, doc, { compactOnOpen: false });
  try {
    await persistence.whenLoaded;
    return readOffers(doc).items.map((o) => ({ id: o.id, name: o.name }));
  } catch {
    return []; // linking offers is optional; the capture itself still works
  } finally {
    await persistence.destroy().catch(() => undefined);
    doc.destroy();
  }
}
