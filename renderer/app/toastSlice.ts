import type { SliceCreator } from '../state/sliceTypes';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error' | 'progress';
  action?: ToastAction;
  /** ms; progress toasts stay until replaced. */
  duration?: number;
}

export interface ToastSlice {
  toasts: Toast[];
  /** Returns the toast id so a progress toast can be replaced by its outcome. */
  showToast: (toast: Omit<Toast, 'id'>, replaceId?: number) => number;
  dismissToast: (id: number) => void;
}

const MAX_TOASTS = 4;
let nextId = 1;

export const createToastSlice: SliceCreator<ToastSlice> = (set) => ({
  toasts: [],
  showToast: (toast, replaceId) => {
    const id = nextId++;
    set((state) => ({
      toasts: [...state.toasts.filter((t) => t.id !== replaceId), { ...toast, id }].slice(-MAX_TOASTS),
    }));
    return id;
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
});
