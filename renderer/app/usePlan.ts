import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Result } from '../../shared/result';
import type { CommandContext, PlanView } from '../domain';
import { useAppStore } from '../state/store';
import type { PlanSession, UndoState } from '../workspace/planSession';
import type { SaveStatus } from '../storage';
import { useErrorText } from './errorText';

export const PlanSessionContext = createContext<PlanSession | null>(null);

export function usePlanSession(): PlanSession {
  const session = useContext(PlanSessionContext);
  if (!session) throw new Error('usePlanSession outside an open plan');
  return session;
}

/** The plan's read model, re-rendered after every transaction (local or remote). */
export function usePlanView(): PlanView {
  const session = usePlanSession();
  return useSyncExternalStore(session.subscribe, session.view);
}

export function useSaveStatus(): SaveStatus {
  const session = usePlanSession();
  return useSyncExternalStore(session.onSaveStatus, session.saveStatus);
}

export function useUndoState(): UndoState {
  const session = usePlanSession();
  return useSyncExternalStore(session.onUndoState, session.undoState);
}

export type PlanCommand<T> = (doc: Y.Doc, ctx: CommandContext) => Result<T>;

export interface RunOptions {
  /** Typing into a long text: consecutive edits merge into one undo step. */
  merge?: boolean;
  /** The caller shows a refusal itself (next to the field), so no toast repeats it. */
  inline?: boolean;
}

/**
 * Runs a domain command against the open plan. Every command is its own undo step (adding,
 * removing, committing a title) unless `merge` says it is typing. A refused command shows its
 * translated error as a toast and returns the Result so the caller can also show it inline.
 */
export function useRunCommand(): <T>(command: PlanCommand<T>, options?: RunOptions) => Result<T> {
  const session = usePlanSession();
  const showToast = useAppStore((s) => s.showToast);
  const errorText = useErrorText();
  return useCallback(
    <T,>(command: PlanCommand<T>, options?: RunOptions): Result<T> => {
      if (!options?.merge) session.stopCapturing();
      const result = command(session.doc, session.ctx);
      if (!options?.merge) session.stopCapturing();
      if (!result.ok && !options?.inline) showToast({ tone: 'error', message: errorText(result.error) });
      return result;
    },
    [session, showToast, errorText],
  );
}
