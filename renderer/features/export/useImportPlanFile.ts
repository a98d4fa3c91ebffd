import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedFile } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';
import { reloadLibrary } from '../library/actions';
import { importOpenedFile, pickAndImportPlanFile, type ImportedPlan } from '../../planfile';
import { useServices } from '../../app/services';
import { useAppStore } from '../../state/store';
import { openDocFor } from './openDocs';

/**
 * Import a `.lockstep` file picked by the person (`pick`) or handed over by the OS (`fromFile`),
 * then say what happened in plain words and open the plan. A refused file changes nothing.
 */
export function useImportPlanFile(): { pick: () => Promise<void>; fromFile: (file: OpenedFile) => Promise<void> } {
  const { t } = useTranslation();
  const { db, host } = useServices();

  const report = useCallback(
    async (result: Result<ImportedPlan | null, { code: string; message: string }>): Promise<void> => {
      const store = useAppStore.getState();
      if (!result.ok) {
        const key = `planFile.errors.${result.error.code}`;
        const reason = t(key) === key ? result.error.message : t(key);
        store.showToast({ tone: 'error', message: t('planFile.refused', { reason }), duration: 10_000 });
        return;
      }
      if (result.value === null) return;
      const { planId, mode, title } = result.value;
      const message = mode === 'merged' ? t('planFile.importedMerged', { title }) : mode === 'copy' ? t('planFile.importedCopy', { title }) : t('planFile.importedNew', { title });
      store.showToast({ tone: 'success', message });
      await reloadLibrary({ db, store: useAppStore });
      store.navigate({ name: 'plan', planId, section: 'brief' });
    },
    [db, t],
  );

  const pick = useCallback(async () => report(await pickAndImportPlanFile(host, db, { openDoc: openDocFor })), [host, db, report]);
  const fromFile = useCallback(async (file: OpenedFile) => report(await importOpenedFile(db, file, { openDoc: openDocFor })), [db, report]);
  return { pick, fromFile };
}
