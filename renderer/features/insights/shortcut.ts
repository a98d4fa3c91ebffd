/** Ctrl/Cmd+Shift+K (and the "Capture Insight…" menu item) opens the quick capture on every screen. */
export const QUICK_CAPTURE_KEY = 'k';

type KeyLike = Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>;

/** Alt is excluded so AltGr layouts (Ctrl+Alt) typing characters never trigger it. */
export const isQuickCaptureKey = (e: KeyLike): boolean => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === QUICK_CAPTURE_KEY;
