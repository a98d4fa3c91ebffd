import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addLeadRating,
  isDerived,
  KPI_DEFINITIONS,
  kpiDefinition,
  kpiSeries,
  MEASURES,
  periodSummary,
  quarterOfWeek,
  readScorecard,
  setActual,
  setTarget,
  signTargets,
  SIGN_TEAMS,
  weekOfTime,
  weeksOfQuarter,
  weekValues,
  withdrawSignature,
  type KpiId,
  type Measure,
  type SignTeam,
} from '../../domain';
import { actualsToCsv, parseNumberCell } from '../../import';
import { useServices } from '../../app/services';
import { usePlanSession, usePlanView, useRunCommand } from '../../app/usePlan';
import { useErrorText } from '../../app/errorText';
import { useAppStore } from '../../state/store';
import { formatDateTime } from '../../i18n';
import { Badge, Banner, Button, CommitInput, Dialog, Select } from '../../ui';
import { ImportDialog } from './ImportDialog';
import { KpiChart } from './KpiChart';
import { decimalOf, downloadName, formatKpi, formatPlain, inputScale, useDocRead, useLanguage } from './shared';

const STATUS_TONE: Record<string, string> = { ahead: 'green', 'on-track': 'blue', behind: 'red', 'no-data': 'neutral', 'no-target': 'neutral' };

export function ScorecardSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const plan = usePlanView();
  const session = usePlanSession();
  const { host } = useServices();
  const run = useRunCommand();
  const errorText = useErrorText();
  const showToast = useAppStore((s) => s.showToast);
  const view = useDocRead(readScorecard);
  const current = quarterOfWeek(weekOfTime(Date.now())) ?? '';
  const periods = useMemo(() => [...new Set([current, ...view.periods])].sort(), [current, view.periods]);
  const [period, setPeriod] = useState(current);
  const [importOpen, setImportOpen] = useState(false);
  const [pending, setPending] = useState<{ kpi: KpiId; value: number | null } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const summary = periodSummary(view, period);
  const weeks = weeksOfQuarter(period);
  const decimal = decimalOf(language);
  const me = session.ctx.actor.id;
  const mySignature = view.signatures.find((s) => s.actorId === me);

  const commitTarget = (kpi: KpiId, raw: string): boolean => {
    const trimmed = raw.trim();
    const parsed = trimmed === '' ? null : parseNumberCell(trimmed, decimal);
    if (trimmed !== '' && parsed === null) {
      showToast({ tone: 'error', message: t('scorecard.notANumber') });
      return false;
    }
    const value = parsed === null ? null : parsed / inputScale(kpi);
    if (view.signatures.some((s) => s.current) && value !== (view.targets.find((x) => x.kpi === kpi && x.period === period)?.value ?? null)) {
      setPending({ kpi, value });
      setReason('');
      setReasonError(null);
      return false;
    }
    return run((doc, ctx) => setTarget(doc, ctx, kpi, period, value)).ok;
  };

  const commitActual = (measure: Measure, week: string, raw: string): boolean => {
    const trimmed = raw.trim();
    const parsed = trimmed === '' ? null : parseNumberCell(trimmed, decimal);
    if (trimmed !== '' && parsed === null) {
      showToast({ tone: 'error', message: t('scorecard.notANumber') });
      return false;
    }
    return run((doc, ctx) => setActual(doc, ctx, measure, week, parsed)).ok;
  };

  const saveWithReason = (): void => {
    if (!pending) return;
    const result = setTarget(session.doc, session.ctx, pending.kpi, period, pending.value, reason);
    if (!result.ok) {
      setReasonError(errorText(result.error));
      return;
    }
    setPending(null);
  };

  const exportCsv = async (): Promise<void> => {
    const csv = actualsToCsv(view, { delimiter: decimal === ',' ? ';' : ',', decimal, withDerived: true, header: (f) => (f === 'week' ? t('scorecard.week') : MEASURES.includes(f as Measure) ? t(`measure.${f}`) : t(`kpi.${f}`)) });
    const saved = await host.saveFile({ defaultName: downloadName(`${plan.brief.title} scorecard`, 'csv'), filters: [{ name: 'CSV', extensions: ['csv'] }], content: csv });
    if (!saved.ok) showToast({ tone: 'error', message: errorText(saved.error) });
    else if (saved.value) showToast({ tone: 'success', message: t('scorecard.exported') });
  };

  const signedText = (team: SignTeam): string | null => {
    const s = view.signatures.find((x) => x.team === team && x.current);
    return s ? t('scorecard.signedBy', { name: s.byName, when: formatDateTime(s.at, language) }) : null;
  };

  return (
    <div className="section__inner al-scorecard">
      <header className="section__header al-header">
        <div>
          <h2 className="section__title">{t('scorecard.heading')}</h2>
          <p className="section__intro">{t('scorecard.intro')}</p>
        </div>
        <div className="al-row">
          <Button icon="cloud" onClick={() => setImportOpen(true)} data-testid="scorecard-import">
            {t('scorecard.import.open')}
          </Button>
          <Button icon="share" onClick={() => void exportCsv()} data-testid="scorecard-export">
            {t('scorecard.export')}
          </Button>
        </div>
      </header>

      <section className="card al-sign" aria-label={t('scorecard.signing')} data-testid="scorecard-signing">
        <div className="al-row">
          <Badge tone={view.signed ? 'green' : 'amber'}>{view.signed ? t('scorecard.signed') : t('scorecard.notSigned')}</Badge>
          {SIGN_TEAMS.filter((team) => team !== 'management').map((team) => (
            <span key={team} className="al-muted">
              {t(`scorecard.team.${team}`)}: {signedText(team) ?? t('scorecard.awaiting')}
            </span>
          ))}
        </div>
        <div className="al-row">
          {SIGN_TEAMS.map((team) => (
            <Button key={team} icon="check" onClick={() => run((doc, ctx) => signTargets(doc, ctx, team))} data-testid={`sign-${team}`}>
              {t('scorecard.signAs', { team: t(`scorecard.team.${team}`) })}
            </Button>
          ))}
          {mySignature ? (
            <Button variant="ghost" onClick={() => run((doc, ctx) => withdrawSignature(doc, ctx))}>
              {t('scorecard.withdraw')}
            </Button>
          ) : null}
        </div>
        {view.signatures.some((s) => !s.current) ? (
          <p className="al-muted">
            {t('scorecard.outdated', { names: view.signatures.filter((s) => !s.current).map((s) => s.byName).join(', ') })}
          </p>
        ) : null}
      </section>

      <div className="al-row al-period">
        <label className="al-row">
          <span>{t('scorecard.period')}</span>
          <Select value={period} onValue={setPeriod} options={periods.map((p) => ({ value: p, label: p }))} data-testid="scorecard-period" />
        </label>
        <span className="al-muted">{t('scorecard.sameForAll')}</span>
      </div>

      <div className="card card--flush al-table-wrap">
        <table className="al-table" data-testid="kpi-table">
          <thead>
            <tr>
              <th scope="col">{t('scorecard.kpi')}</th>
              <th scope="col" className="al-num">{t('scorecard.actual')}</th>
              <th scope="col" className="al-num">{t('scorecard.target')}</th>
              <th scope="col">{t('scorecard.status.label')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((row) => {
              const def = kpiDefinition(row.kpi);
              const unitHint = def.unit === 'percent' ? ' %' : '';
              return (
                <tr key={row.kpi} data-testid={`kpi-row-${row.kpi}`}>
                  <th scope="row">
                    <span className="al-kpi-name">{t(`kpi.${row.kpi}`)}</span>
                    <span className="al-muted al-formula">
                      {isDerived(row.kpi) ? t(`scorecard.formula.${row.kpi}`) : t('scorecard.typed')} · {t(`scorecard.direction.${def.direction}`)}
                    </span>
                  </th>
                  <td className="al-num" data-testid={`kpi-actual-${row.kpi}`}>
                    {formatKpi(row.kpi, row.actual, language, view.currency)}
                  </td>
                  <td className="al-num">
                    <CommitInput
                      className="input al-target"
                      aria-label={t('scorecard.targetFor', { kpi: t(`kpi.${row.kpi}`), period })}
                      value={formatPlain(row.target === null ? null : row.target * inputScale(row.kpi), language)}
                      placeholder={`—${unitHint}`}
                      onCommit={(v) => commitTarget(row.kpi, v)}
                      data-testid={`kpi-target-${row.kpi}`}
                    />
                  </td>
                  <td>
                    <Badge tone={STATUS_TONE[row.status] ?? 'neutral'}>{t(`scorecard.status.${row.status}`)}</Badge>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h3 className="al-h3">{t('scorecard.charts')}</h3>
      <div className="al-charts">
        {KPI_DEFINITIONS.map((d) => (
          <KpiChart key={d.id} kpi={d.id} series={kpiSeries(view, d.id, weeks)} currency={view.currency} />
        ))}
      </div>

      <h3 className="al-h3">{t('scorecard.actuals')}</h3>
      <p className="al-muted">{t('scorecard.actualsIntro')}</p>
      <div className="card card--flush al-table-wrap">
        <table className="al-table al-grid" data-testid="actuals-grid">
          <thead>
            <tr>
              <th scope="col">{t('scorecard.week')}</th>
              {MEASURES.map((m) => (
                <th key={m} scope="col" className="al-num">
                  {t(`measure.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => {
              const values = weekValues(view, week);
              return (
                <tr key={week}>
                  <th scope="row">{week}</th>
                  {MEASURES.map((m) => (
                    <td key={m}>
                      <CommitInput
                        className="input al-cell"
                        aria-label={`${t(`measure.${m}`)} ${week}`}
                        value={formatPlain(values[m] ?? null, language)}
                        onCommit={(v) => commitActual(m, week, v)}
                        data-testid={`actual-${m}-${week}`}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <LeadRatings weeks={weeks} />

      {view.changes.length > 0 ? (
        <section>
          <h3 className="al-h3">{t('scorecard.changes')}</h3>
          <ul className="al-list" data-testid="target-changes">
            {[...view.changes].reverse().map((c) => (
              <li key={c.id}>
                {t('scorecard.changeLine', {
                  kpi: t(`kpi.${c.kpi}`),
                  period: c.period,
                  from: formatKpi(c.kpi, c.from, language, view.currency),
                  to: formatKpi(c.kpi, c.to, language, view.currency),
                  name: c.byName,
                  when: formatDateTime(c.at, language),
                })}
                {c.reason ? <span className="al-muted"> — {c.reason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ImportDialog open={importOpen} onOpenChange={setImportOpen} />
      <Dialog
        open={pending !== null}
        onOpenChange={(o) => (o ? undefined : setPending(null))}
        title={t('scorecard.reasonTitle')}
        description={t('scorecard.reasonBody')}
        closeLabel={t('common.close')}
        size="sm"
        footer={
          <>
            <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
            <Button variant="primary" onClick={saveWithReason} data-testid="reason-save">
              {t('scorecard.reasonSave')}
            </Button>
          </>
        }
      >
        <label className="al-field">
          <span>{t('scorecard.reasonLabel')}</span>
          <textarea className="input" rows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="reason-text" />
        </label>
        {reasonError ? <Banner tone="error">{reasonError}</Banner> : null}
      </Dialog>
    </div>
  );
}

function LeadRatings({ weeks }: { weeks: readonly string[] }) {
  const { t } = useTranslation();
  const view = useDocRead(readScorecard);
  const run = useRunCommand();
  const thisWeek = weekOfTime(Date.now());
  const [week, setWeek] = useState(weeks.includes(thisWeek) ? thisWeek : (weeks[0] ?? thisWeek));
  const [campaign, setCampaign] = useState('');
  const [segment, setSegment] = useState('');
  const [score, setScore] = useState('3');
  const add = (): void => {
    const result = run((doc, ctx) => addLeadRating(doc, ctx, { week, campaign, segment, score: Number(score) }));
    if (result.ok) {
      setCampaign('');
      setSegment('');
    }
  };
  const inQuarter = view.ratings.filter((r) => weeks.includes(r.week));
  return (
    <section className="card al-ratings">
      <h3 className="al-h3">{t('scorecard.ratings')}</h3>
      <p className="al-muted">{t('scorecard.ratingsIntro')}</p>
      <div className="al-row">
        <Select value={week} onValue={setWeek} options={weeks.map((w) => ({ value: w, label: w }))} aria-label={t('scorecard.week')} />
        <input className="input" placeholder={t('scorecard.campaign')} aria-label={t('scorecard.campaign')} value={campaign} onChange={(e) => setCampaign(e.currentTarget.value)} />
        <input className="input" placeholder={t('scorecard.segment')} aria-label={t('scorecard.segment')} value={segment} onChange={(e) => setSegment(e.currentTarget.value)} />
        <Select value={score} onValue={setScore} options={['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: `${s} / 5` }))} aria-label={t('scorecard.score')} />
        <Button icon="plus" onClick={add}>
          {t('scorecard.rate')}
        </Button>
      </div>
      {inQuarter.length > 0 ? (
        <ul className="al-list">
          {inQuarter.map((r) => (
            <li key={r.id}>
              {r.week} · {r.campaign || '—'} · {r.segment || '—'} · <strong>{r.score}/5</strong> <span className="al-muted">({r.byName})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
