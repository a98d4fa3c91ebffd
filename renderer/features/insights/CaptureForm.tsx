import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { captureInsight, INSIGHT_SOURCES, INSIGHT_TYPES, readOffers, type InsightSource, type InsightType } from '../../domain';
import { useRunCommand } from '../../app/usePlan';
import { Button, Select } from '../../ui';
import { useDocRead } from '../scorecard/shared';

/** The capture form: used inline in the Insights section and in the quick-capture dialog. */
export function CaptureForm({ onCaptured, autoFocus = false }: { onCaptured?: () => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const run = useRunCommand();
  const offers = useDocRead(readOffers).items;
  const [type, setType] = useState<InsightType>('objection');
  const [source, setSource] = useState<InsightSource>('call');
  const [text, setText] = useState('');
  const [segment, setSegment] = useState('');
  const [competitor, setCompetitor] = useState('');
  const [offerIds, setOfferIds] = useState<string[]>([]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const result = run((doc, ctx) => captureInsight(doc, ctx, { type, source, text, segment, competitor, offerIds }));
    if (!result.ok) return;
    setText('');
    setCompetitor('');
    setOfferIds([]);
    onCaptured?.();
  };

  return (
    <form className="al-capture" onSubmit={submit} data-testid="insight-form">
      <div className="al-row">
        <Select<InsightType> value={type} onValue={setType} aria-label={t('insights.type')} options={INSIGHT_TYPES.map((v) => ({ value: v, label: t(`insights.types.${v}`) }))} data-testid="insight-type" />
        <Select<InsightSource> value={source} onValue={setSource} aria-label={t('insights.source')} options={INSIGHT_SOURCES.map((v) => ({ value: v, label: t(`insights.sources.${v}`) }))} data-testid="insight-source" />
      </div>
      <textarea
        className="input"
        rows={3}
        value={text}
        // Quick capture opens on a keystroke; the text box must be ready to type into.
        autoFocus={autoFocus}
        placeholder={t('insights.textPlaceholder')}
        aria-label={t('insights.text')}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
        data-testid="insight-text"
      />
      <div className="al-row">
        <input className="input" value={segment} placeholder={t('insights.segment')} aria-label={t('insights.segment')} onChange={(e) => setSegment(e.currentTarget.value)} />
        <input className="input" value={competitor} placeholder={t('insights.competitor')} aria-label={t('insights.competitor')} onChange={(e) => setCompetitor(e.currentTarget.value)} data-testid="insight-competitor" />
      </div>
      {offers.length > 0 ? (
        <fieldset className="al-offers">
          <legend className="al-muted">{t('insights.offers')}</legend>
          {offers.map((o) => (
            <label key={o.id} className="al-check">
              <input
                type="checkbox"
                checked={offerIds.includes(o.id)}
                onChange={(e) => setOfferIds(e.currentTarget.checked ? [...offerIds, o.id] : offerIds.filter((x) => x !== o.id))}
              />
              {o.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="al-row">
        <Button type="submit" variant="primary" icon="plus" data-testid="insight-capture">
          {t('insights.capture')}
        </Button>
        <span className="al-muted">{t('insights.offlineHint')}</span>
      </div>
    </form>
  );
}
