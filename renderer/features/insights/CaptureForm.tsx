import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { captureInsight, INSIGHT_SOURCES, INSIGHT_TYPES, readOffers, type InsightSource, type InsightType } from '../../domain';
import { useRunCommand } from '../../app/usePlan';
import { Button, Select } from '../../ui';
import { useDocRead } from '../scorecard/shared';
import { afterCapture, draftInput, emptyDraft, type InsightDraft } from './draft';

/** The inline capture form of the Insights section (the open plan). */
export function CaptureForm() {
  const run = useRunCommand();
  const offers = useDocRead(readOffers).items;
  const [draft, setDraft] = useState<InsightDraft>(emptyDraft);
  const submit = (): void => {
    const result = run((doc, ctx) => captureInsight(doc, ctx, draftInput(draft)));
    if (result.ok) setDraft(afterCapture);
  };
  return <CaptureFields draft={draft} onDraft={setDraft} offers={offers} onSubmit={submit} />;
}

/**
 * The fields of an insight, controlled: the inline form and the quick-capture dialog both use it,
 * and the dialog keeps the draft across a failed save. Ctrl/Cmd+Enter in the text submits.
 */
export function CaptureFields({
  draft,
  onDraft,
  offers,
  onSubmit,
  autoFocus = false,
  busy = false,
  before,
  error,
}: {
  draft: InsightDraft;
  onDraft: (next: InsightDraft) => void;
  offers: readonly { id: string; name: string }[];
  onSubmit: () => void;
  autoFocus?: boolean;
  busy?: boolean;
  /** Rendered first inside the form (the dialog's plan picker). */
  before?: ReactNode;
  /** A failed capture, in plain words, shown next to the button. */
  error?: string | null;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof InsightDraft>(key: K, value: InsightDraft[K]): void => onDraft({ ...draft, [key]: value });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <form className="al-capture" onSubmit={submit} data-testid="insight-form" aria-busy={busy}>
      {before}
      <div className="al-row">
        <Select<InsightType> value={draft.type} onValue={(v) => set('type', v)} aria-label={t('insights.type')} options={INSIGHT_TYPES.map((v) => ({ value: v, label: t(`insights.types.${v}`) }))} data-testid="insight-type" />
        <Select<InsightSource> value={draft.source} onValue={(v) => set('source', v)} aria-label={t('insights.source')} options={INSIGHT_SOURCES.map((v) => ({ value: v, label: t(`insights.sources.${v}`) }))} data-testid="insight-source" />
      </div>
      <textarea
        className="input"
        rows={3}
        value={draft.text}
        // Quick capture opens on a keystroke; the text box must be ready to type into.
        autoFocus={autoFocus}
        placeholder={t('insights.textPlaceholder')}
        aria-label={t('insights.text')}
        onChange={(e) => set('text', e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
        data-testid="insight-text"
      />
      <div className="al-row">
        <input className="input" value={draft.segment} placeholder={t('insights.segment')} aria-label={t('insights.segment')} onChange={(e) => set('segment', e.currentTarget.value)} />
        <input className="input" value={draft.competitor} placeholder={t('insights.competitor')} aria-label={t('insights.competitor')} onChange={(e) => set('competitor', e.currentTarget.value)} data-testid="insight-competitor" />
      </div>
      {offers.length > 0 ? (
        <fieldset className="al-offers">
          <legend className="al-muted">{t('insights.offers')}</legend>
          {offers.map((o) => (
            <label key={o.id} className="al-check">
              <input
                type="checkbox"
                checked={draft.offerIds.includes(o.id)}
                onChange={(e) => set('offerIds', e.currentTarget.checked ? [...draft.offerIds, o.id] : draft.offerIds.filter((x) => x !== o.id))}
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {error ? (
        <p className="al-capture__error" role="alert" data-testid="insight-capture-error">
          {error}
        </p>
      ) : null}
      <div className="al-row">
        <Button type="submit" variant="primary" icon="plus" busy={busy} data-testid="insight-capture">
          {t('insights.capture')}
        </Button>
        <span className="al-muted">{t('insights.offlineHint')}</span>
      </div>
    </form>
  );
}
