import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COHORT_KINDS,
  COMPARISONS,
  PILOT_DECISIONS,
  addCohortMember,
  addCriterion,
  createPilot,
  decidePilot,
  readOffers,
  readPilots,
  recordResult,
  removeCohortMember,
  removePilot,
  setPilotLearnings,
  setPilotLink,
  updatePilot,
  weekOf,
  type CohortKind,
  type Comparison,
  type PilotDecision,
  type PilotView,
} from '../../domain';
import { formatDay, formatNumber, formatRelative } from '../../i18n';
import { useDateProps } from '../../app/useDateProps';
import { usePlanView, useRunCommand } from '../../app/usePlan';
import { AutoTextArea, Badge, Banner, Button, CommitInput, DateInput, EmptyState, Field, IconButton, Select } from '../../ui';
import { StageControl } from '../brief/StageControl';
import { useDocRead, useLanguage } from '../offers/useWorkflow';

const DECISION_TONE: Record<PilotDecision, string> = { go: 'green', adjust: 'amber', stop: 'red' };

export function PilotsSection() {
  const { t } = useTranslation();
  const pilots = useDocRead(readPilots);
  const plan = usePlanView();
  const run = useRunCommand();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = (e: FormEvent): void => {
    e.preventDefault();
    const result = run((doc, ctx) => createPilot(doc, ctx, { name }));
    if (result.ok) {
      setName('');
      setError(null);
    } else setError(result.error.message);
  };
  const goPilot = pilots.items.some((p) => p.decision === 'go');
  const override = plan.brief.rolloutOverride;
  return (
    <div className="section__inner">
      <header className="section__header">
        <h2 className="section__title">{t('pilots.heading')}</h2>
        <p className="section__intro">{t('pilots.intro')}</p>
      </header>
      <div className="card wf-gate" data-testid="rollout-gate" data-open={goPilot || override ? 'true' : 'false'}>
        <Banner tone={goPilot ? 'info' : 'warning'}>
          {goPilot ? t('pilots.gateOpen') : override ? t('pilots.gateOverridden', { name: override.byName, reason: override.reason }) : t('pilots.gateClosed')}
        </Banner>
        <Field label={t('pilots.stage')} className="wf-narrow">
          {({ id }) => <StageControl id={id} />}
        </Field>
      </div>
      {pilots.items.length === 0 ? <EmptyState icon="milestones" title={t('pilots.emptyTitle')} body={t('pilots.emptyBody')} /> : null}
      {pilots.items.map((p) => (
        <PilotCard key={p.id} pilot={p} />
      ))}
      <form className="add-row card" onSubmit={add}>
        <Field label={t('pilots.newName')} error={error} className="add-row__field">
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" value={name} placeholder={t('pilots.newPlaceholder')} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setName(e.currentTarget.value)} data-testid="new-pilot-name" />
          )}
        </Field>
        <Button type="submit" variant="primary" icon="plus" data-testid="add-pilot">
          {t('pilots.add')}
        </Button>
      </form>
    </div>
  );
}

function PilotCard({ pilot }: { pilot: PilotView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const run = useRunCommand();
  const plan = usePlanView();
  const offers = useDocRead(readOffers);
  const [region, setRegion] = useState('');
  const [member, setMember] = useState('');
  const [memberKind, setMemberKind] = useState<CohortKind>('rep');
  const [metric, setMetric] = useState('');
  const [comparison, setComparison] = useState<Comparison>('gte');
  const [target, setTarget] = useState('');
  const [week, setWeek] = useState<string>(weekOf(new Date().toISOString().slice(0, 10)));
  const [decision, setDecision] = useState<PilotDecision>('go');
  const [rationale, setRationale] = useState('');
  const [decisionError, setDecisionError] = useState<string | null>(null);
  const dateProps = useDateProps();

  const decide = (e: FormEvent): void => {
    e.preventDefault();
    const result = run((doc, ctx) => decidePilot(doc, ctx, pilot.id, decision, rationale));
    if (result.ok) {
      setRationale('');
      setDecisionError(null);
    } else setDecisionError(result.error.message);
  };

  return (
    <article className="card wf-pilot" data-testid="pilot" data-decision={pilot.decision ?? ''}>
      <div className="wf-offer__head">
        <Field label={t('pilots.name')} className="wf-grow">
          {({ id }) => <CommitInput id={id} value={pilot.name} onCommit={(v) => run((doc, ctx) => updatePilot(doc, ctx, pilot.id, { name: v })).ok} />}
        </Field>
        <Field label={t('pilots.start')} className="wf-narrow">
          {({ id }) => <DateInput id={id} value={pilot.start} onValue={(v) => run((doc, ctx) => updatePilot(doc, ctx, pilot.id, { start: v })).ok} {...dateProps} />}
        </Field>
        <Field label={t('pilots.end')} className="wf-narrow">
          {({ id }) => <DateInput id={id} value={pilot.end} onValue={(v) => run((doc, ctx) => updatePilot(doc, ctx, pilot.id, { end: v })).ok} {...dateProps} />}
        </Field>
        <IconButton icon="trash" label={t('pilots.remove')} onClick={() => run((doc, ctx) => removePilot(doc, ctx, pilot.id))} />
      </div>

      <div className="wf-columns">
        <fieldset className="wf-fieldset">
          <legend className="field__label">{t('pilots.offers')}</legend>
          <div className="wf-checks">
            {offers.items.map((o) => (
              <label key={o.id} className="wf-check">
                <input type="checkbox" checked={pilot.offerIds.includes(o.id)} onChange={(e) => run((doc, ctx) => setPilotLink(doc, ctx, pilot.id, 'offers', o.id, e.currentTarget.checked))} data-testid="pilot-offer" />
                {o.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="wf-fieldset">
          <legend className="field__label">{t('pilots.segments')}</legend>
          <div className="wf-checks">
            {plan.segments.map((s) => (
              <label key={s.id} className="wf-check">
                <input type="checkbox" checked={pilot.segmentIds.includes(s.id)} onChange={(e) => run((doc, ctx) => setPilotLink(doc, ctx, pilot.id, 'segments', s.id, e.currentTarget.checked))} />
                {s.name}
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <div className="wf-columns">
        <section>
          <h3 className="wf-h3">{t('pilots.regions')}</h3>
          <div className="wf-checks">
            {pilot.regions.map((r) => (
              <span key={r} className="wf-chip">
                {r} <IconButton icon="x" label={r} onClick={() => run((doc, ctx) => setPilotLink(doc, ctx, pilot.id, 'regions', r, false))} />
              </span>
            ))}
          </div>
          <form className="wf-inline-add" onSubmit={(e) => (e.preventDefault(), run((doc, ctx) => setPilotLink(doc, ctx, pilot.id, 'regions', region, true)).ok && setRegion(''))}>
            <input className="input" aria-label={t('pilots.newRegion')} placeholder={t('pilots.newRegion')} value={region} onChange={(e) => setRegion(e.currentTarget.value)} />
            <Button type="submit" icon="plus">{t('pilots.addMember')}</Button>
          </form>
        </section>
        <section>
          <h3 className="wf-h3">{t('pilots.cohort')}</h3>
          <ul className="wf-lines">
            {pilot.cohort.map((m) => (
              <li key={m.id} className="wf-line">
                <Badge>{t(`pilots.memberKind.${m.kind}`)}</Badge> {m.name}
                <IconButton icon="x" label={m.name} onClick={() => run((doc, ctx) => removeCohortMember(doc, ctx, pilot.id, m.id))} />
              </li>
            ))}
          </ul>
          <form className="wf-inline-add" onSubmit={(e) => (e.preventDefault(), run((doc, ctx) => addCohortMember(doc, ctx, pilot.id, { kind: memberKind, name: member })).ok && setMember(''))}>
            <Select aria-label={t('pilots.cohort')} value={memberKind} options={COHORT_KINDS.map((k) => ({ value: k, label: t(`pilots.memberKind.${k}`) }))} onValue={setMemberKind} />
            <input className="input" aria-label={t('pilots.newMember')} placeholder={t('pilots.newMember')} value={member} onChange={(e) => setMember(e.currentTarget.value)} data-testid="pilot-member" />
            <Button type="submit" icon="plus">{t('pilots.addMember')}</Button>
          </form>
        </section>
      </div>

      <h3 className="wf-h3">
        {t('pilots.criteria')} <span className="wf-muted">{t('pilots.met', { met: pilot.met, total: pilot.criteria.length })}</span>
      </h3>
      <div className="wf-table-wrap">
        <table className="wf-table" data-testid="pilot-criteria">
          <thead>
            <tr>
              <th scope="col">{t('pilots.metric')}</th>
              <th scope="col">{t('pilots.target')}</th>
              <th scope="col">
                <span className="wf-week">
                  {t('pilots.week')}
                  <DateInput
                    aria-label={t('pilots.week')}
                    value={week}
                    onValue={(v) => {
                      if (v) setWeek(weekOf(v));
                      return v !== null;
                    }}
                    {...dateProps}
                    data-testid="pilot-week"
                  />
                </span>
              </th>
              <th scope="col">{t('pilots.results')}</th>
            </tr>
          </thead>
          <tbody>
            {pilot.criteria.map((c) => {
              const thisWeek = pilot.results.find((r) => r.criterionId === c.id && r.week === week);
              return (
                <tr key={c.id} data-testid="criterion-row">
                  <td>{c.metric}</td>
                  <td>
                    {t(`pilots.comparison.${c.comparison}`)} {c.target === null ? '—' : formatNumber(c.target, lang)} {c.unit}
                  </td>
                  <td>
                    <CommitInput
                      aria-label={`${c.metric} ${week}`}
                      inputMode="decimal"
                      className="input wf-num"
                      value={thisWeek?.value == null ? '' : String(thisWeek.value)}
                      onCommit={(v) => run((doc, ctx) => recordResult(doc, ctx, pilot.id, c.id, week, v.trim() === '' ? null : Number(v.replace(',', '.')))).ok}
                      data-testid="criterion-result"
                    />
                  </td>
                  <td>
                    <Badge tone={c.state === 'met' ? 'green' : c.state === 'not-met' ? 'amber' : 'neutral'}>{t(`pilots.state.${c.state}`)}</Badge>{' '}
                    <span className="wf-muted">{c.results.map((r) => `${formatDay(r.week, lang)}: ${formatNumber(r.value ?? 0, lang)}`).join(' · ')}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <form
          className="wf-inline-add"
          onSubmit={(e) => {
            e.preventDefault();
            const result = run((doc, ctx) => addCriterion(doc, ctx, pilot.id, { metric, comparison, target: target.trim() === '' ? Number.NaN : Number(target.replace(',', '.')) }));
            if (result.ok) {
              setMetric('');
              setTarget('');
            }
          }}
        >
          <input className="input" aria-label={t('pilots.metric')} placeholder={t('pilots.metric')} value={metric} onChange={(e) => setMetric(e.currentTarget.value)} data-testid="criterion-metric" />
          <Select aria-label={t('pilots.comparison.gte')} value={comparison} options={COMPARISONS.map((c) => ({ value: c, label: t(`pilots.comparison.${c}`) }))} onValue={setComparison} />
          <input className="input wf-num" aria-label={t('pilots.target')} placeholder={t('pilots.target')} inputMode="decimal" value={target} onChange={(e) => setTarget(e.currentTarget.value)} data-testid="criterion-target" />
          <Button type="submit" icon="plus" data-testid="add-criterion">{t('pilots.addCriterion')}</Button>
        </form>
      </div>

      <Field label={t('pilots.learnings')}>
        {({ id }) => <AutoTextArea id={id} value={pilot.learnings} onValue={(v) => run((doc, ctx) => setPilotLearnings(doc, ctx, pilot.id, v))} />}
      </Field>

      <section className="wf-decision" data-testid="pilot-decision">
        <h3 className="wf-h3">{t('pilots.decision')}</h3>
        {pilot.current ? (
          <p>
            <Badge tone={DECISION_TONE[pilot.current.decision]}>{t(`pilots.decisionValue.${pilot.current.decision}`)}</Badge>{' '}
            {t('pilots.decidedBy', { decision: '', name: pilot.current.byName, when: formatRelative(pilot.current.at, lang) })}
            <br />“{pilot.current.rationale}”
          </p>
        ) : (
          <p className="wf-muted">{t('pilots.undecided')}</p>
        )}
        {pilot.decisionConflict ? <p className="field__error">{t('pilots.decisionConflict')}</p> : null}
        <form className="wf-decision__form" onSubmit={decide}>
          <Select aria-label={t('pilots.decision')} value={decision} options={PILOT_DECISIONS.map((d) => ({ value: d, label: t(`pilots.decisionValue.${d}`) }))} onValue={setDecision} data-testid="decision-select" />
          <Field label={t('pilots.rationale')} error={decisionError} className="wf-grow">
            {({ id, describedBy, invalid }) => (
              <textarea id={id} className="input textarea" rows={2} placeholder={t('pilots.rationalePlaceholder')} value={rationale} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setRationale(e.currentTarget.value)} data-testid="decision-rationale" />
            )}
          </Field>
          <Button type="submit" variant="primary" data-testid="decision-submit">{t('pilots.decide')}</Button>
        </form>
      </section>
    </article>
  );
}
