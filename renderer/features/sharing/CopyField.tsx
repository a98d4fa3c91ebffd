import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui';

/** A read-only value with a Copy button (clipboard failures say so instead of failing silently). */
export function CopyField({ label, value, testId, mono = false }: { label: string; value: string; testId: string; mono?: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <div className="field collab-copy">
      <span className="field__label">{label}</span>
      <div className="collab-copy__row">
        <input
          className={mono ? 'input collab-copy__value collab-copy__value--mono' : 'input collab-copy__value'}
          readOnly
          value={value}
          aria-label={label}
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button size="sm" icon={state === 'copied' ? 'check' : 'copy'} onClick={() => void copy()} data-testid={`${testId}-copy`}>
          {state === 'copied' ? t('collab.share.copied') : t('collab.share.copy')}
        </Button>
      </div>
      {state === 'failed' ? (
        <p className="field__error" role="alert">
          {t('collab.share.copyFailed')}
        </p>
      ) : null}
    </div>
  );
}
