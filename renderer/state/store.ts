import { create } from 'zustand';
import { createRouteSlice, type RouteSlice } from '../app/routeSlice';
import { createToastSlice, type ToastSlice } from '../app/toastSlice';
import { createLibrarySlice, type LibrarySlice } from '../features/library/slice';
import { createProfileSlice, type ProfileSlice } from '../features/profile/slice';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/slice';

/**
 * The one zustand store: UI state only (route, library rows, filters, dialogs, toasts,
 * language, profile). Plan content never lives here; components read it from the open
 * plan session's read model.
 */
export type AppState = RouteSlice & ToastSlice & LibrarySlice & SettingsSlice & ProfileSlice;

export const createAppStore = () =>
  create<AppState>()((set, get) => ({
    ...createRouteSlice(set, get),
    ...createToastSlice(set, get),
    ...createLibrarySlice(set, get),
    ...createSettingsSlice(set, get),
    ...createProfileSlice(set, get),
  }));

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. Tests create their own with createAppStore(). */
export const useAppStore: AppStore = createAppStore();
