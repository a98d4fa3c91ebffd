import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { usePlanSession, usePlanView } from '../../app/usePlan';
import { exportInput, planToPrintableHtml, PRINT_CSS } from '../../export';
import {
  activityFeed,
  compareSnapshotWithNow,
  createSnapshot,
  deleteSnapshot,
  describeChange,
  groupByDay,
  listSnapshots,
  loadSnapshot,
  onSnapshotsChanged,
  restoreSnapshot,
  sectionLabel,
  snapshotToDoc,
  type PlanComparison,
  type SnapshotInfo,
} from '../../history';
import { formatDateTime, formatDayLong, formatTime } from '../../i18n/format';
import { useAppStore } from '../../state/store';
import type { PlanSession } from '../../workspace/planSession';
import { Badge, Button, Dialog, Field, IconButton, Menu } from '../../ui';
import { translator } from '../../export';
import './history.css';

/** The toast outlives the section: undo only while this plan is still the open one. */
function undoIfStillOpen(session: PlanSession): void {
  const route = useAppStore.getState().route;
  if (route.name === 'plan' && route.planId === session.planId) session.undo();
}

type Panel = { mode: 'none' } | { mode: 'view'; info: SnapshotInfo; html: string } | { mode: 'compare'; info: SnapshotInfo; comparison: PlanComparison };

/** The History section: snapshots (take, view, compare with now, restore) and the activity feed. */
export function HistorySection() {
  const { t, i18n } = useTranslation();
  const session = usePlanSession();
  // Subscribed for its re-render after every transaction: the activity feed below reads the doc.
  usePlanView();
  const { db } = useServices();
  const language = useAppStore((s) => s.language);
  const profile = useAppStore((s) => s.profile);
  const showToast = useAppStore((s) => s.showToast);
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [panel, setPanel] = useState<Panel>({ mode: 'none' });
  const [restoring, setRestoring] = useState<SnapshotInfo | null>(null);

  const refresh = useCallback(async () => {
    const listed = await listSnapshots(db, session.planId);
    if (listed.ok) setSnapshots(listed.value);
    else showToast({ tone: 'error', message: listed.error.message });
  }, [db, session.planId, showToast]);

  // Automatic snapshots are stored in the background (stage changes, weekly syncs): re-read then.
  useEffect(() => {
    void refresh();
    return onSnapshotsChanged((planId) => planId === session.planId && void refresh());
  }, [refresh, session.planId]);

  const label = useCallback(
    (info: SnapshotInfo): string => {
      if (info.kind === 'named' || !info.trigger) return info.name;
      return t(`history.trigger.${info.trigger}`, { stage: t(`stage.${info.detail ?? ''}`), name: info.detail ?? '' });
    },
    [t],
  );

  const take = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    const now = Date.now();
    const finalName = name.trim() || t('history.defaultName', { date: formatDateTime(now, language) });
    const result = await createSnapshot(db, session.planId, session.doc, { name: finalName, kind: 'named', byName: profile?.name ?? '', now });
    setBusy(false);
    if (!result.ok) {
      showToast({ tone: 'error', message: result.error.message });
      return;
    }
    setName('');
    showToast({ tone: 'success', message: t('history.taken', { name: result.value.name }) });
    await refresh();
  };

  const open = async (info: SnapshotInfo, mode: 'view' | 'compare'): Promise<void> => {
    const loaded = await loadSnapshot(db, session.planId, info.id);
    if (!loaded.ok) {
      showToast({ tone: 'error', message: loaded.error.message });
      return;
    }
    if (mode === 'compare') {
      const comparison = compareSnapshotWithNow(loaded.value.state, session.doc);
      if (comparison) setPanel({ mode: 'compare', info, comparison });
      else showToast({ tone: 'error', message: t('history.unreadable') });
      return;
    }
    const doc = snapshotToDoc(loaded.value.state);
    if (!doc.ok) {
      showToast({ tone: 'error', message: doc.error.message });
      return;
    }
    const html = planToPrintableHtml(exportInput(doc.value, { t: translator(i18n), language }));
    doc.value.destroy();
    setPanel({ mode: 'view', info, html });
  };

  const remove = async (info: SnapshotInfo): Promise<void> => {
    const result = await deleteSnapshot(db, session.planId, info.id);
    if (!result.ok) showToast({ tone: 'error', message: result.error.message });
    else showToast({ tone: 'info', message: t('history.deleted') });
    if (panel.mode !== 'none' && panel.info.id === info.id) setPanel({ mode: 'none' });
    await refresh();
  };

  const restore = async (info: SnapshotInfo): Promise<void> => {
    setRestoring(null);
    const loaded = await loadSnapshot(db, session.planId, info.id);
    if (!loaded.ok) {
      showToast({ tone: 'error', message: loaded.error.message });
      return;
    }
    const name = label(info);
    // A way back first: the current plan as a snapshot, before anything changes.
    const safety = await createSnapshot(db, session.planId, session.doc, {
      name: `Before restoring “${name}”`,
      kind: 'auto',
      trigger: 'before-restore',
      detail: name,
      byName: profile?.name ?? '',
    });
    if (!safety.ok) {
      showToast({ tone: 'error', message: safety.error.message });
      return;
    }
    session.stopCapturing();
    const result = restoreSnapshot(session.doc, session.ctx, loaded.value.state, name);
    session.stopCapturing();
    if (!result.ok) {
      showToast({ tone: 'error', message: result.error.message });
      return;
    }
    if (result.value.changedRoots.length === 0) showToast({ tone: 'info', message: t('history.restoreNothing') });
    else showToast({ tone: 'success', message: t('history.restored', { name }), duration: 10_000, action: { label: t('common.undo'), run: () => undoIfStillOpen(session) } });
    setPanel({ mode: 'none' });
    await refresh();
  };

  // Recomputed on every render: the view changes after every transaction, and this is cheap.
  const feed = groupByDay(activityFeed(session.doc, { limit: 100 }));
  const describeOptions = useMemo(() => ({ t: translator(i18n), language }), [i18n, language]);

  return (
    <div className="section__inner history">
      <header className="section__header">
        <h2 className="section__title">{t('history.heading')}</h2>
        <p className="section__intro">{t('history.intro')}</p>
      </header>

      <form className="card history__take" onSubmit={(e) => void take(e)}>
        <Field label={t('history.nameLabel')}>
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} className="input" value={name} maxLength={120} placeholder={t('history.namePlaceholder')} onChange={(e) => setName(e.target.value)} data-testid="snapshot-name" />
          )}
        </Field>
        <Button type="submit" variant="primary" icon="plus" busy={busy} data-testid="take-snapshot">
          {t('history.take')}
        </Button>
      </form>

      <section className="card card--flush history__list" aria-labelledby="history-snapshots">
        <h3 id="history-snapshots" className="card__title history__card-title">
          {t('history.snapshots')}
        </h3>
        {snapshots !== null && snapshots.length === 0 ? <p className="history__empty">{t('history.empty')}</p> : null}
        <ul className="history__snapshots">
          {(snapshots ?? []).map((info) => (
            <li key={info.id} className={panel.mode !== 'none' && panel.info.id === info.id ? 'history__snapshot history__snapshot--on' : 'history__snapshot'} data-testid="snapshot">
              <div className="history__snapshot-main">
                <span className="history__snapshot-name">{label(info)}</span>
                <span className="history__snapshot-meta">
                  {formatDateTime(info.createdAt, language)}
                  {info.byName ? ` · ${t('history.by', { name: info.byName })}` : ''}
                </span>
              </div>
              <Badge tone={info.kind === 'auto' ? 'neutral' : 'blue'}>{info.kind === 'auto' ? t('history.auto') : t('history.named')}</Badge>
              <div className="history__snapshot-actions">
                <Button size="sm" variant="ghost" onClick={() => void open(info, 'compare')} data-testid="snapshot-compare">
                  {t('history.compare')}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => void open(info, 'view')} data-testid="snapshot-view">
                  {t('history.view')}
                </Button>
                <Button size="sm" onClick={() => setRestoring(info)} data-testid="snapshot-restore">
                  {t('history.restore')}
                </Button>
                <Menu
                  trigger={<IconButton icon="more" label={t('common.more')} />}
                  items={[{ label: t('history.delete'), icon: 'trash', danger: true, onSelect: () => void remove(info) }]}
                />
              </div>
            </li>
          ))}
        </ul>
      </section>

      {panel.mode === 'compare' ? (
        <section className="card history__panel" aria-labelledby="history-compare" data-testid="compare-panel">
          <header className="history__panel-header">
            <h3 id="history-compare" className="card__title">
              {t('history.compareTitle', { name: label(panel.info) })}
            </h3>
            <IconButton icon="x" label={t('common.close')} onClick={() => setPanel({ mode: 'none' })} />
          </header>
          {panel.comparison.total === 0 ? (
            <p className="muted">{t('history.noChanges')}</p>
          ) : (
            <>
              <p className="muted">{t('history.changesCount', { count: panel.comparison.total })}</p>
              {panel.comparison.sections.map((section) => (
                <div key={section.section} className="history__changes">
                  <h4 className="history__changes-title">{sectionLabel(section.section, describeOptions.t)}</h4>
                  <ul>
                    {section.changes.map((change, index) => (
                      <li key={`${change.itemId}-${change.field ?? ''}-${index}`} className={`history__change history__change--${change.kind}`} data-testid="change">
                        <span className="history__change-mark" aria-hidden="true">
                          {change.kind === 'added' ? '+' : change.kind === 'removed' ? '−' : '~'}
                        </span>
                        {describeChange(change, describeOptions)}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </>
          )}
          <div className="form-actions">
            <Button onClick={() => setRestoring(panel.info)}>{t('history.restore')}</Button>
          </div>
        </section>
      ) : null}

      {panel.mode === 'view' ? (
        <section className="card history__panel" aria-labelledby="history-view" data-testid="snapshot-panel">
          <header className="history__panel-header">
            <p id="history-view" className="history__readonly">
              {t('history.viewing', { name: label(panel.info), date: formatDateTime(panel.info.createdAt, language) })}
            </p>
            <Button size="sm" onClick={() => setPanel({ mode: 'none' })}>
              {t('history.closeView')}
            </Button>
          </header>
          <style>{PRINT_CSS}</style>
          {/* Built by planToPrintableHtml, which escapes every string people wrote. */}
          <div className="history__snapshot-view" dangerouslySetInnerHTML={{ __html: panel.html }} />
        </section>
      ) : null}

      <section className="card history__activity" aria-labelledby="history-activity">
        <h3 id="history-activity" className="card__title">
          {t('history.activityHeading')}
        </h3>
        <p className="muted">{t('history.activityIntro')}</p>
        {feed.length === 0 ? <p className="muted">{t('history.activityEmpty')}</p> : null}
        {feed.map((day) => (
          <div key={day.day} className="history__day">
            <h4 className="history__day-title">{formatDayLong(day.day, language)}</h4>
            <ul>
              {day.items.map((item) => (
                <li key={item.key} className="history__event" data-testid="activity">
                  <span className="history__event-time">{formatTime(item.at, language)}</span>
                  <span>
                    <strong>{item.byName || t('conflict.unknownPerson')}</strong> {t(item.action, { defaultValue: item.action })}
                    {item.target ? <span className="history__event-target"> · {item.target}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <Dialog
        open={restoring !== null}
        onOpenChange={(next) => !next && setRestoring(null)}
        title={restoring ? t('history.restoreTitle', { name: label(restoring) }) : ''}
        description={restoring ? t('history.restoreBody', { date: formatDateTime(restoring.createdAt, language) }) : ''}
        closeLabel={t('common.close')}
        size="sm"
        footer={
          <>
            <Button onClick={() => setRestoring(null)}>{t('common.cancel')}</Button>
            <Button variant="primary" onClick={() => restoring && void restore(restoring)} data-testid="confirm-restore">
              {t('history.restoreConfirm')}
            </Button>
          </>
        }
      >
        <p className="muted">{t('history.restoreSafety')}</p>
      </Dialog>
    </div>
  );
}
