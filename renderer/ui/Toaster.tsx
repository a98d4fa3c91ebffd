import { Toast as RadixToast } from 'radix-ui';
import { Icon } from './icons';

export interface ToastView {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error' | 'progress';
  action?: { label: string; run: () => void };
  duration?: number;
}

/** Radix toasts: announced politely, paused on hover/focus, F8 jumps to the region. */
export function Toaster({ toasts, onDismiss, closeLabel, regionLabel }: {
  toasts: readonly ToastView[];
  onDismiss: (id: number) => void;
  closeLabel: string;
  regionLabel: string;
}) {
  return (
    <RadixToast.Provider swipeDirection="right" label={regionLabel}>
      {toasts.map((toast) => (
        <RadixToast.Root
          key={toast.id}
          className={`toast toast--${toast.tone}`}
          duration={toast.tone === 'progress' ? Number.POSITIVE_INFINITY : (toast.duration ?? (toast.action ? 8000 : 4000))}
          type={toast.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) onDismiss(toast.id);
          }}
        >
          {toast.tone === 'progress' ? (
            <span className="spinner spinner--sm" aria-hidden="true" />
          ) : (
            <Icon name={toast.tone === 'error' ? 'alert' : toast.tone === 'success' ? 'check' : 'info'} />
          )}
          <RadixToast.Description className="toast__message">{toast.message}</RadixToast.Description>
          {toast.action ? (
            <RadixToast.Action asChild altText={toast.action.label}>
              <button
                type="button"
                className="btn btn--sm btn--ghost toast__action"
                onClick={() => {
                  toast.action?.run();
                  onDismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            </RadixToast.Action>
          ) : null}
          <RadixToast.Close className="btn btn--icon btn--ghost toast__close" aria-label={closeLabel}>
            <Icon name="x" />
          </RadixToast.Close>
        </RadixToast.Root>
      ))}
      <RadixToast.Viewport className="toast__viewport" />
    </RadixToast.Provider>
  );
}
