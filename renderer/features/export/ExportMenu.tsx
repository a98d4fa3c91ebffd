import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/result';
import { onMenuCommand } from '../../app/menuEvents';
import { useServices } from '../../app/services';
import { usePlanSession } from '../../app/usePlan';
import { exportMarkdownFile, exportPdf } from '../../export';
import { savePlanFile } from '../../planfile';
import { useAppStore } from '../../state/store';
import { Button, Menu } from '../../ui';
import { registerOpenDoc } from './openDocs';
import { translator } from '../../export';

type Kind = 'planfile' | 'markdown' | 'pdf';

/**
 * The open plan's export actions (plan file, Markdown, PDF), also reachable from the app menu's
 * "Export plan…". Mounted in the workspace header, so it also registers the plan's live document
 * for imports that merge into it.
 */
export function ExportMenu() {
  const { t, i18n } = useTranslation();
  const session = usePlanSession();
  const { host } = useServices();
  const language = useAppStore((s) => s.language);
  const showToast = useAppStore((s) => s.showToast);

  useEffect(() => registerOpenDoc(session.planId, session.doc), [session]);

  const run = useCallback(
    async (kind: Kind): Promise<void> => {
      const options = { t: translator(i18n), language };
      let result: Result<{ path: string } | null>;
      try {
        if (kind === 'planfile') result = await savePlanFile(host, session.doc);
        else if (kind === 'markdown') result = await exportMarkdownFile(host, session.doc, options);
        else result = await exportPdf(host, session.doc, options);
      } catch (error) {
        result = { ok: false, error: { code: 'export/failed', message: error instanceof Error ? error.message : String(error) } };
      }
      if (!result.ok) {
        showToast({ tone: 'error', message: t('printExport.failed', { reason: result.error.message }) });
        return;
      }
      // null: cancelled, or the browser's print dialog (which does not say what happened).
      if (result.value === null) return;
      const path = result.value.path;
      const message = kind === 'planfile' ? t('planFile.exported', { name: path }) : kind === 'markdown' ? t('printExport.savedMarkdown', { path }) : t('printExport.savedPdf', { path });
      showToast({ tone: 'success', message });
    },
    [host, session, language, i18n, showToast, t],
  );

  useEffect(() => onMenuCommand((command) => command === 'plan:export' && void run('planfile')), [run]);

  return (
    <Menu
      trigger={
        <Button icon="down" data-testid="export-menu">
          {t('printExport.menuLabel')}
        </Button>
      }
      items={[
        { label: t('planFile.export'), icon: 'copy', onSelect: () => void run('planfile') },
        { label: t('printExport.markdown'), icon: 'brief', onSelect: () => void run('markdown') },
        { label: host.kind === 'electron' ? t('printExport.pdf') : t('printExport.print'), icon: 'milestones', onSelect: () => void run('pdf') },
      ]}
    />
  );
}
