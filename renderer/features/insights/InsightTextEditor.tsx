import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setInsightText, type Insight } from '../../domain';
import { usePlanSession } from '../../app/usePlan';
import { useErrorText } from '../../app/errorText';
import { Button } from '../../ui';

/**
 * The insight's text, or while editing a text box for it. Enter saves (Shift+Enter is a new
 * line), Escape cancels. The save is one command, so one Ctrl/Cmd+Z undoes it; it sends the text
 * as it was when editing started, so a colleague's edit that synced in meanwhile is kept.
 */
export function InsightTextEditor({ insight, editing, onDone }: { insight: Insight; editing: boolean; onDone: () => void }) {
  if (!editing) {
    return (
      <p className="al-insight__text" data-testid="insight-text-view">
        {insight.text}
      </p>
    );
  }
  return <TextEditBox insight={insight} onDone={onDone} />;
}

function TextEditBox({ insight, onDone }: { insight: Insight; onDone: () => void }) {
  const { t } = useTranslation();
  const session = usePlanSession();
  const errorText = useErrorText();
  const [base, setBase] = useState(insight.text);
  const [value, setValue] = useState(insight.text);
  const [error, setError] = useState<string | null>(null);

  const save = (): void => {
    // Like useRunCommand (its own undo step) but without the error toast: the error is shown
    // right under the box, where the person is looking.
    session.stopCapturing();
    const result = setInsightText(session.doc, session.ctx, insight.id, value, { base });
    session.stopCapturing();
    if (result.ok) return onDone();
    // On a conflict the colleague's version becomes the new starting point; what the person
    // typed stays in the box so they can re-apply it.
    if (result.error.code === 'insight/edit-conflict') setBase(insight.text);
    setError(errorText(result.error));
  };

  const errorId = `insight-edit-error-${insight.id}`;
  return (
    <div className="al-insight__edit">
      <textarea
        className="input"
        rows={3}
        autoFocus
        value={value}
        aria-label={t('insightEdit.textLabel')}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            // Cancels the edit only; nothing around it (a dialog, the section) reacts.
            e.preventDefault();
            e.stopPropagation();
            onDone();
          }
        }}
        data-testid="insight-edit-text"
      />
      {insight.text !== base ? (
        <p className="al-muted" data-testid="insight-edit-theirs">
          {t('insightEdit.changedMeanwhile', { text: insight.text })}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="al-capture__error" role="alert" data-testid="insight-edit-error">
          {error}
        </p>
      ) : null}
      <div className="al-row">
        <Button size="sm" variant="primary" icon="check" onClick={save} data-testid="insight-edit-save">
          {t('common.save')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone} data-testid="insight-edit-cancel">
          {t('common.cancel')}
        </Button>
        <span className="al-muted">{t('insightEdit.keysHint')}</span>
      </div>
    </div>
  );
}
