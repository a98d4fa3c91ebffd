import type { AppState } from './store';

/**
 * The shape of a slice creator. Features describe their slice with these types instead of
 * importing zustand (only store.ts may), which keeps every slice testable as a plain function.
 */
export type SetState = (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;
export type GetState = () => AppState;
export type SliceCreator<S> = (set: SetState, get: GetState) => S;
