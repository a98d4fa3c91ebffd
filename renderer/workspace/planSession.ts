import * as Y from 'yjs';
import { err, ok, type Result } from '../../shared/result';
import {
  createUndoManager,
  defaultContext,
  readBrief,
  readPlan,
  type Actor,
  type CommandContext,
  type PlanView,
} from '../domain';
import {
  getPlan,
  persistDoc,
  putPlanMeta,
  type DocPersistence,
  type LoadReport,
  type LockstepDB,
  type PersistOptions,
  type SaveStatus,
} from '../storage';
import { registerOpenDoc, trackOpening } from './openPlans';

/** Something attached to an open plan that must be torn down with it (e.g. a sync session). */
export interface Disposable {
  dispose(): void | Promise<void>;
}

export interface OpenPlanOptions {
  db: LockstepDB;
  planId: string;
  actor: Actor;
  /** Injected by tests for deterministic ids and clocks. */
  ctx?: CommandContext;
  persist?: PersistOptions;
  /**
   * The seam for peer-to-peer sync: called once the plan is loaded from disk, so a plan always
   * opens offline first. Whatever it returns is disposed with the session.
   */
  attachSync?: (doc: Y.Doc) => Disposable;
  /** Quiet period before the library row (title, kind, stage, updated) is written. */
  rowDelayMs?: number;
  /** Told after the library row was rewritten (e.g. to refresh a list that shows it). */
  onRowWritten?: () => void;
  now?: () => number;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * One open plan: its Y.Doc, persistence, read model, undo and library row, with one dispose.
 * React reads it through `subscribe`/`view` (useSyncExternalStore); nothing here imports React.
 */
export interface PlanSession {
  readonly planId: string;
  readonly doc: Y.Doc;
  readonly ctx: CommandContext;
  readonly loadReport: LoadReport;
  /**
   * Unreadable stored changes of this plan that are set aside on disk — found by this load or
   * by an earlier reader (e.g. the library inbox opening the plan in the background).
   */
  readonly setAside: number;
  view(): PlanView;
  subscribe(listener: () => void): () => void;
  saveStatus(): SaveStatus;
  onSaveStatus(listener: (status: SaveStatus) => void): () => void;
  undoState(): UndoState;
  onUndoState(listener: () => void): () => void;
  undo(): boolean;
  redo(): boolean;
  /** Stops merging the next edit into the previous undo step (e.g. after a blur). */
  stopCapturing(): void;
  /** Resolves once every edit so far is in a completed IndexedDB transaction and the row is written. */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

interface RowFields {
  title: string;
  kind: PlanView['brief']['kind'];
  stage: string;
}

const rowFields = (brief: PlanView['brief']): RowFields => ({ title: brief.title, kind: brief.kind, stage: brief.stage });

/**
 * Opens a plan from disk. Resolves once the stored updates are applied (no network involved);
 * unreadable rows are reported in `loadReport`, never thrown. While it runs, background readers
 * of every plan (inbox, portfolio) wait (see openPlans.ts).
 */
export function openPlanSession(options: OpenPlanOptions): Promise<Result<PlanSession>> {
  return trackOpening(openFromDisk(options));
}

async function openFromDisk(options: OpenPlanOptions): Promise<Result<PlanSession>> {
  const { db, planId } = options;
  const now = options.now ?? Date.now;
  // The library row, the stored changes and the set-aside count are read at the same time:
  // each is a round trip to the browser's IndexedDB process before the plan can show.
  const doc = new Y.Doc({ guid: planId });
  // Compaction waits until the row confirms the plan is still in the library (see below).
  const persistence: DocPersistence = persistDoc(db, planId, doc, { ...options.persist, compactOnOpen: false });
  const setAsideBefore = countSetAside(db, planId);
  const entry = await getPlan(db, planId);
  if (!entry.ok || entry.value === null || entry.value.corrupt) {
    await persistence.whenLoaded;
    await persistence.destroy().catch(() => undefined);
    doc.destroy();
    if (!entry.ok) return entry;
    if (entry.value === null) return err('plan/not-found', 'This plan is not in your library any more.');
    if (entry.value.corrupt) return err('plan/corrupt-row', entry.value.reason);
  }
  const loadReport = await persistence.whenLoaded;
  if ((options.persist?.compactOnOpen ?? true) && loadReport.updatesApplied > 1) {
    // Not awaited: the plan is usable now; compaction runs next in the persistence's queue.
    void persistence.compact().catch(() => undefined);
  }
  // Rows this load set aside are only in the count once their quarantine was written.
  const setAside = Math.max(loadReport.skipped.length, loadReport.skipped.length > 0 ? await countSetAside(db, planId) : await setAsideBefore);
  const ctx = options.ctx ?? defaultContext(options.actor);
  const undoManager = createUndoManager(doc);

  const viewListeners = new Set<() => void>();
  // The read model is computed when read, at most once per change: a burst of transactions
  // (a sync catching up, an import) costs one read of the plan at the next render, not one each.
  let current: PlanView | null = readPlan(doc);
  const currentView = (): PlanView => (current ??= readPlan(doc));
  const onAfterTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return;
    current = null;
    for (const l of [...viewListeners]) l();
  };
  doc.on('afterTransaction', onAfterTransaction);
  const stopProjection = (): void => doc.off('afterTransaction', onAfterTransaction);

  const undoListeners = new Set<() => void>();
  let undoSnapshot: UndoState = { canUndo: false, canRedo: false };
  const refreshUndo = (): void => {
    const next = { canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() };
    if (next.canUndo === undoSnapshot.canUndo && next.canRedo === undoSnapshot.canRedo) return;
    undoSnapshot = next;
    for (const l of [...undoListeners]) l();
  };
  for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) undoManager.on(event, refreshUndo);

  // The library row follows the document: written after a quiet period, and only when the
  // document really changed (not when it was merely loaded or compacted).
  const rowDelay = options.rowDelayMs ?? 400;
  let lastRow: RowFields = entry.value.corrupt ? { title: '', kind: 'launch', stage: 'draft' } : {
    title: entry.value.title,
    kind: entry.value.kind,
    stage: entry.value.stage,
  };
  let rowTimer: ReturnType<typeof setTimeout> | null = null;
  let rowDirtyAt: number | null = null;
  let rowWrite: Promise<unknown> = Promise.resolve();
  const writeRow = (): Promise<unknown> => {
    if (rowTimer !== null) clearTimeout(rowTimer);
    rowTimer = null;
    if (rowDirtyAt === null) return rowWrite;
    // Only the brief goes into the row: no need to read the whole plan for it.
    const fields = rowFields(current?.brief ?? readBrief(doc));
    const updatedAt = rowDirtyAt;
    rowDirtyAt = null;
    rowWrite = rowWrite.then(async () => {
      const written = await putPlanMeta(db, { id: planId, ...fields, title: fields.title || lastRow.title || planId, updatedAt });
      if (written.ok) {
        lastRow = fields;
        options.onRowWritten?.();
      }
    });
    return rowWrite;
  };
  const onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === persistence) return;
    rowDirtyAt = now();
    if (rowTimer !== null) clearTimeout(rowTimer);
    rowTimer = setTimeout(() => void writeRow(), rowDelay);
  };
  doc.on('update', onDocUpdate);
  // A row whose title/stage drifted from the doc (e.g. a crash between the two writes) is repaired.
  {
    const fields = rowFields(currentView().brief);
    if (fields.title !== lastRow.title || fields.kind !== lastRow.kind || fields.stage !== lastRow.stage) {
      rowDirtyAt = entry.value.updatedAt;
      void writeRow();
    }
  }

  const onPageHide = (): void => void writeRow();
  globalThis.addEventListener?.('pagehide', onPageHide);

  // Cached so that React's useSyncExternalStore sees a stable snapshot between changes.
  let saveStatus: SaveStatus = persistence.status();
  const saveListeners = new Set<(status: SaveStatus) => void>();
  const stopStatus = persistence.onStatus((next) => {
    saveStatus = next;
    for (const l of [...saveListeners]) l(next);
  });

  const sync = options.attachSync?.(doc) ?? null;
  const unregister = registerOpenDoc(planId, doc);
  let disposed = false;

  const session: PlanSession = {
    planId,
    doc,
    ctx,
    loadReport,
    setAside,
    view: currentView,
    subscribe: (listener) => {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    saveStatus: () => saveStatus,
    onSaveStatus: (listener) => {
      saveListeners.add(listener);
      return () => saveListeners.delete(listener);
    },
    undoState: () => undoSnapshot,
    onUndoState: (listener) => {
      undoListeners.add(listener);
      return () => undoListeners.delete(listener);
    },
    undo: () => {
      const item = undoManager.undo();
      refreshUndo();
      return item !== null;
    },
    redo: () => {
      const item = undoManager.redo();
      refreshUndo();
      return item !== null;
    },
    stopCapturing: () => undoManager.stopCapturing(),
    flush: async () => {
      await persistence.flush();
      await writeRow();
    },
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      unregister();
      globalThis.removeEventListener?.('pagehide', onPageHide);
      await sync?.dispose();
      stopProjection();
      doc.off('update', onDocUpdate);
      await writeRow();
      undoManager.destroy();
      viewListeners.clear();
      stopStatus();
      saveListeners.clear();
      undoListeners.clear();
      try {
        await persistence.destroy();
      } finally {
        doc.destroy();
      }
    },
  };
  return ok(session);
}

/** Storage keeps unreadable rows in its quarantine table instead of deleting them. */
async function countSetAside(db: LockstepDB, planId: string): Promise<number> {
  try {
    return await db.quarantine.where('docId').equals(planId).count();
  } catch {
    return 0; // advisory only: the plan itself is already open
  }
}
