import type * as Y from 'yjs';
import type { LockstepBridge } from '../../shared/ipc/bridge';
import type { OpenedFile } from '../../shared/ipc/contract';
import type { Result } from '../../shared/result';
import type { LockstepDB } from '../storage';
import { importPlanFile, type ImportError, type ImportOptions, type ImportedPlan } from './importPlanFile';
import { exportPlanFile, planFileName } from './planFile';
import { readPlan } from '../domain';

export const PLAN_FILE_DIALOG_FILTERS = [{ name: 'Lockstep plan', extensions: ['lockstep'] }];

/** Saves the plan as a `.lockstep` file through the host (save dialog, or a download). */
export async function savePlanFile(host: LockstepBridge, doc: Y.Doc): Promise<Result<{ path: string } | null>> {
  const bytes = exportPlanFile(doc, { appVersion: await host.appVersion() });
  return host.saveFile({ defaultName: planFileName(readPlan(doc).brief.title), filters: PLAN_FILE_DIALOG_FILTERS, content: bytes });
}

export type PickAndImport = Result<ImportedPlan | null, ImportError | { code: string; message: string }>;

/** Lets the person pick a file, then imports it. `null` when they cancelled. */
export async function pickAndImportPlanFile(host: LockstepBridge, db: LockstepDB, options: ImportOptions = {}): Promise<PickAndImport> {
  const picked = await host.openFile(PLAN_FILE_DIALOG_FILTERS);
  if (!picked.ok) return picked;
  if (picked.value === null) return { ok: true, value: null };
  return importOpenedFile(db, picked.value, options);
}

/** For files the OS hands over (double-click, "open with"): the bridge's onOpenFile. */
export function importOpenedFile(db: LockstepDB, file: OpenedFile, options: ImportOptions = {}): Promise<Result<ImportedPlan, ImportError>> {
  return importPlanFile(db, file.bytes, options);
}
