import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui';
import './export.css';
import { useImportPlanFile } from './useImportPlanFile';

/** "Import plan file" for the library header. */
export function ImportPlanButton() {
  const { t } = useTranslation();
  const { pick } = useImportPlanFile();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon="cloud"
      busy={busy}
      data-testid="import-plan"
      onClick={() => {
        setBusy(true);
        void pick().finally(() => setBusy(false));
      }}
    >
      {t('planFile.import')}
    </Button>
  );
}
