import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { Actor, CommandContext } from '../../domain';
import { persistDoc, type LockstepDB, type PlanEntry } from '../../storage';
import { openPlanSession, type Disposable, type PlanSession } from '../../workspace/planSession';

/**
 * Reads one plan from disk without keeping anything open: the same read-only path the home
 * inbox uses (nothing is written; the persistence is closed as soon as the updates are in).
 */
export async function loadPlanDocReadOnly(db: LockstepDB, planId: string): Promise<Y.Doc> {
  const doc = new Y.Doc({ guid: planId });
  const persistence = persistDoc(db, planId, doc, { compactOnOpen: false });
  await persistence.whenLoaded;
  await persistence.destroy();
  return doc;
}

export interface PortfolioPlan {
  planId: string;
  title: string;
  doc: Y.Doc;
}

export interface PortfolioSnapshot {
  /** False until the first load finished (the screen shows a spinner, not "no plans"). */
  loaded: boolean;
  plans: readonly PortfolioPlan[];
  canUndo: boolean;
  canRedo: boolean;
  /** True while an edit, undo or redo is not yet in a completed IndexedDB transaction. */
  saving: boolean;
  /** Bumped on every change so memoised reads of the docs recompute. */
  version: number;
}

export interface PortfolioOptions {
  db: LockstepDB;
  actor: Actor;
  attachSync?: ((planId: string, doc: Y.Doc) => Disposable) | null;
  onRowWritten?: () => void;
  /** Injected by tests. */
  ctx?: CommandContext;
  rowDelayMs?: number;
}

/** A library row as the portfolio needs it; without `updatedAt` the plan is always re-read. */
export type PortfolioEntry = Pick<PlanEntry, 'id' | 'title'> & { updatedAt?: number };

export type PlanEdit<T> = (doc: Y.Doc, ctx: CommandContext) => Result<T>;

export interface Portfolio {
  get(): PortfolioSnapshot;
  subscribe(listener: () => void): () => void;
  /**
   * (Re)reads the given plans; plans with an open editing session keep their live doc. A plan
   * whose `updatedAt` is given and unchanged since the last load is not read again.
   */
  load(entries: readonly PortfolioEntry[]): Promise<void>;
  /**
   * Runs a domain command in the target plan's own session (opened like the workspace opens a
   * plan: persistence, library row, sync), so it is saved and synced like any edit there. One
   * call is one undo step on the portfolio's undo stack.
   */
  edit<T>(planId: string, command: PlanEdit<T>): Promise<Result<T>>;
  undo(): boolean;
  redo(): boolean;
  /** Resolves once every edit so far is on disk. */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The plans shown on the portfolio screen. Reading is cheap and read-only; the first edit of a
 * plan opens a real PlanSession for it, kept open until the screen closes, so undo works and
 * concurrent remote edits merge as usual. Undo is per screen: a stack of which plan each step
 * went to, each undone through that plan's own undo manager (remote edits are never undone).
 */
export function createPortfolio(options: PortfolioOptions): Portfolio {
  let snapshot: PortfolioSnapshot = { loaded: false, plans: [], canUndo: false, canRedo: false, saving: false, version: 0 };
  let pendingSaves = 0;
  const listeners = new Set<() => void>();
  const sessions = new Map<string, PlanSession>();
  const opening = new Map<string, Promise<Result<PlanSession>>>();
  const unsubscribes: (() => void)[] = [];
  const undoStack: string[] = [];
  const redoStack: string[] = [];
  let readOnly = new Map<string, { doc: Y.Doc; updatedAt: number | undefined }>();
  let entries: readonly PortfolioEntry[] = [];
  let generation = 0;
  let disposed = false;

  const emit = (): void => {
    const plans = entries.flatMap((e): PortfolioPlan[] => {
      const doc = sessions.get(e.id)?.doc ?? readOnly.get(e.id)?.doc;
      return doc ? [{ planId: e.id, title: sessions.get(e.id)?.view().brief.title ?? e.title, doc }] : [];
    });
    snapshot = { loaded: true, plans, canUndo: undoStack.length > 0, canRedo: redoStack.length > 0, saving: pendingSaves > 0, version: snapshot.version + 1 };
    for (const l of [...listeners]) l();
  };

  // Saved right away rather than on the persistence's own batch timer, so leaving the screen and
  // opening the plan straight after always finds the move on disk.
  const save = (session: PlanSession): void => {
    pendingSaves += 1;
    void session.flush().finally(() => {
      pendingSaves -= 1;
      if (!disposed) emit();
    });
  };

  const sessionFor = async (planId: string): Promise<Result<PlanSession>> => {
    const open = sessions.get(planId);
    if (open) return ok(open);
    let pending = opening.get(planId);
    if (!pending) {
      const attach = options.attachSync;
      pending = openPlanSession({
        db: options.db,
        planId,
        actor: options.actor,
        ...(options.ctx ? { ctx: options.ctx } : {}),
        ...(options.rowDelayMs !== undefined ? { rowDelayMs: options.rowDelayMs } : {}),
        ...(attach ? { attachSync: (doc: Y.Doc) => attach(planId, doc) } : {}),
        ...(options.onRowWritten ? { onRowWritten: options.onRowWritten } : {}),
      });
      opening.set(planId, pending);
    }
    const result = await pending;
    opening.delete(planId);
    if (!result.ok) return result;
    if (disposed) {
      await result.value.dispose();
      return err('portfolio/closed', 'The portfolio was closed.');
    }
    if (!sessions.has(planId)) {
      sessions.set(planId, result.value);
      // Remote edits to an open plan re-render the screen like local ones.
      unsubscribes.push(result.value.subscribe(emit));
    }
    return ok(sessions.get(planId) ?? result.value);
  };

  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load(next) {
      const mine = (generation += 1);
      const docs = new Map<string, { doc: Y.Doc; updatedAt: number | undefined }>();
      const fresh: Y.Doc[] = [];
      for (const entry of next) {
        if (sessions.has(entry.id)) continue;
        // Any change to one row used to re-read every plan; unchanged plans keep their copy.
        const known = readOnly.get(entry.id);
        if (known && entry.updatedAt !== undefined && known.updatedAt === entry.updatedAt) {
          docs.set(entry.id, known);
          continue;
        }
        const doc = await loadPlanDocReadOnly(options.db, entry.id);
        fresh.push(doc);
        docs.set(entry.id, { doc, updatedAt: entry.updatedAt });
      }
      if (mine !== generation || disposed) {
        for (const d of fresh) d.destroy();
        return;
      }
      const old = readOnly;
      readOnly = docs;
      entries = next;
      emit();
      for (const [id, d] of old) if (docs.get(id)?.doc !== d.doc) d.doc.destroy();
    },
    async edit(planId, command) {
      const session = await sessionFor(planId);
      if (!session.ok) return session;
      const s = session.value;
      s.stopCapturing();
      const result = command(s.doc, s.ctx);
      s.stopCapturing();
      if (result.ok) {
        undoStack.push(planId);
        redoStack.length = 0;
        save(s);
      }
      emit();
      return result;
    },
    undo() {
      const planId = undoStack.pop();
      const session = planId === undefined ? undefined : sessions.get(planId);
      const done = session?.undo() ?? false;
      if (planId !== undefined && session && done) {
        redoStack.push(planId);
        save(session);
      }
      emit();
      return done;
    },
    redo() {
      const planId = redoStack.pop();
      const session = planId === undefined ? undefined : sessions.get(planId);
      const done = session?.redo() ?? false;
      if (planId !== undefined && session && done) {
        undoStack.push(planId);
        save(session);
      }
      emit();
      return done;
    },
    async flush() {
      await Promise.all([...sessions.values()].map((s) => s.flush()));
    },
    async dispose() {
      disposed = true;
      generation += 1;
      for (const u of unsubscribes) u();
      listeners.clear();
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((s) => s.dispose()));
      for (const d of readOnly.values()) d.doc.destroy();
      readOnly.clear();
    },
  };
}
