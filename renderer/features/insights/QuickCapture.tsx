import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onMenuCommand } from '../../app/menuEvents';
import { useAppStore } from '../../state/store';
import { Dialog } from '../../ui';
import { CaptureForm } from './CaptureForm';

/** Ctrl/Cmd+Shift+K (and the "Capture Insight…" menu item) from anywhere in an open plan. */
export const QUICK_CAPTURE_KEY = 'k';

export function QuickInsightCapture() {
  const { t } = useTranslation();
  const showToast = useAppStore((s) => s.showToast);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === QUICK_CAPTURE_KEY) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    const stop = onMenuCommand((command) => {
      if (command === 'insight:capture') setOpen(true);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stop();
    };
  }, []);
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t('insights.quickTitle')} description={t('insights.quickIntro')} closeLabel={t('common.close')}>
      <CaptureForm
        autoFocus
        onCaptured={() => {
          setOpen(false);
          showToast({ tone: 'success', message: t('insights.captured'), duration: 2000 });
        }}
      />
    </Dialog>
  );
}
