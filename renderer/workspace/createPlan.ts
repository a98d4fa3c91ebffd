import * as Y from 'yjs';
import { err, type Result } from '../../shared/result';
import { createPlan, defaultContext, readPlan, setBriefLine, type Actor, type CommandContext, type PlanKind } from '../domain';
import { persistDoc, putPlanMeta, type LockstepDB, type PlanRow } from '../storage';

export interface CreatePlanOptions {
  db: LockstepDB;
  actor: Actor;
  kind: PlanKind;
  title: string;
  /** Translates template keys (phase names, milestone titles, `plan.untitled`). */
  label: (key: string) => string;
  ctx?: CommandContext;
}

/**
 * Seeds a new plan from a template and stores it: the document first, then the library row,
 * so a row never points at a plan without content.
 */
export async function createPlanFromTemplate(options: CreatePlanOptions): Promise<Result<PlanRow>> {
  const ctx = options.ctx ?? defaultContext(options.actor);
  const planId = ctx.newId();
  const doc = new Y.Doc({ guid: planId });
  const persistence = persistDoc(options.db, planId, doc, { compactOnOpen: false });
  try {
    const loaded = await persistence.whenLoaded;
    if (!loaded.ok) return err(loaded.error?.code ?? 'storage/unavailable', loaded.message ?? 'The new plan could not be stored.');
    createPlan(doc, ctx, { planId, kind: options.kind, title: options.title, label: options.label });
    await persistence.flush();
    const brief = readPlan(doc).brief;
    const at = ctx.now();
    return await putPlanMeta(options.db, { id: planId, title: brief.title, kind: brief.kind, stage: brief.stage, createdAt: at, updatedAt: at });
  } catch (error) {
    return err('storage/write-failed', error instanceof Error ? error.message : 'The new plan could not be stored.');
  } finally {
    await persistence.destroy().catch(() => undefined);
    doc.destroy();
  }
}

/**
 * Gives a stored plan a new title inside its document (used after duplicating, so the copy's
 * document and library row agree and the row is not "repaired" back to the source title).
 */
export async function retitleStoredPlan(db: LockstepDB, planId: string, actor: Actor, title: string): Promise<Result<void>> {
  const doc = new Y.Doc({ guid: planId });
  const persistence = persistDoc(db, planId, doc, { compactOnOpen: false });
  try {
    await persistence.whenLoaded;
    const result = setBriefLine(doc, defaultContext(actor), 'title', title);
    await persistence.flush();
    return result;
  } catch (error) {
    return err('storage/write-failed', error instanceof Error ? error.message : 'The copy could not be renamed.');
  } finally {
    await persistence.destroy().catch(() => undefined);
    doc.destroy();
  }
}
