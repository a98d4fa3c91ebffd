import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { err, type Result } from '../../../shared/result';
import { captureInsight, readOffers } from '../../domain';
import { onMenuCommand } from '../../app/menuEvents';
import { useServices } from '../../app/services';
import { useErrorText } from '../../app/errorText';
import { getKv, listPlans, setKv } from '../../storage';
import { useAppStore } from '../../state/store';
import { reloadLibrary } from '../library/actions';
import { Button, Dialog, EmptyState, Spinner } from '../../ui';
import { CaptureFields } from './CaptureForm';
import { capturePlanChoices, defaultCapturePlan, lastOpenedPlanKey, type CapturePlan } from './capturePlans';
import { captureIntoStoredPlan, readStoredPlanOffers } from './captureIntoPlan';
import { afterCapture, draftInput, emptyDraft, type InsightDraft } from './draft';
import { requestInsightFocus } from './focusRequest';
import { currentOpenPlan, onOpenPlanChange } from './openPlanSlot';
import { PlanPicker } from './PlanPicker';
import { isQuickCaptureKey } from './shortcut';
import './insights.css';

type Choices = { state: 'loading' } | { state: 'ready'; plans: CapturePlan[] } | { state: 'error'; message: string };

/** Remembers the last plan opened on this computer: the picker's default away from a plan. */
function useRememberOpenedPlan(): void {
  const { db } = useServices();
  const route = useAppStore((s) => s.route);
  const planId = route.name === 'plan' ? route.planId : null;
  useEffect(() => {
    if (planId !== null) void setKv(db, lastOpenedPlanKey, planId);
  }, [db, planId]);
}

/**
 * The app-wide quick capture. Inside a plan it defaults to that plan and writes through its open
 * session (one undo step there); anywhere else the person picks a plan and the insight is written
 * into that plan's stored document (captureIntoStoredPlan). The draft lives here, outside the
 * dialog, so closing the dialog or a failed save never throws away what was typed.
 */
export function GlobalQuickCapture() {
  const { t } = useTranslation();
  const services = useServices();
  const errorText = useErrorText();
  const profile = useAppStore((s) => s.profile);
  const navigate = useAppStore((s) => s.navigate);
  const showToast = useAppStore((s) => s.showToast);
  const setCreateOpen = useAppStore((s) => s.setCreateDialogOpen);
  const openSession = useSyncExternalStore(onOpenPlanChange, currentOpenPlan);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<InsightDraft>(emptyDraft);
  const [choices, setChoices] = useState<Choices>({ state: 'loading' });
  const [target, setTarget] = useState<string | null>(null);
  const [offers, setOffers] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The plan picked for a draft that is not saved yet: reopening the dialog returns to it.
  const pickedForDraft = useRef<string | null>(null);
  const hasDraft = useRef(false);
  useEffect(() => {
    hasDraft.current = draft.text.trim() !== '';
  }, [draft.text]);
  useRememberOpenedPlan();

  useEffect(() => {
    // No shortcut before the first-run profile exists: an insight needs an author.
    if (!profile) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!isQuickCaptureKey(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    const stop = onMenuCommand((command) => {
      if (command === 'insight:capture') setOpen(true);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stop();
    };
  }, [profile]);

  // Each opening reads the library afresh and picks the default plan.
  const openPlanId = openSession?.planId ?? null;
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setChoices({ state: 'loading' });
    setError(null);
    void (async () => {
      const [listed, last] = await Promise.all([listPlans(services.db), getKv(services.db, lastOpenedPlanKey)]);
      if (cancelled) return;
      if (!listed.ok) {
        setChoices({ state: 'error', message: listed.error.message });
        return;
      }
      const plans = capturePlanChoices(listed.value, t('plan.untitled'));
      setChoices({ state: 'ready', plans });
      const picked = hasDraft.current ? pickedForDraft.current : null;
      setTarget(picked !== null && plans.some((p) => p.id === picked) ? picked : defaultCapturePlan(plans, { openPlanId, lastOpenedId: last.value }));
    })();
    return () => {
      cancelled = true;
    };
  }, [open, openPlanId, services.db, t]);

  // Offers to link come from the chosen plan: the live doc if it is open, else read from disk.
  useEffect(() => {
    if (!open || target === null) return;
    if (openSession?.planId === target) {
      setOffers(readOffers(openSession.doc).items.map((o) => ({ id: o.id, name: o.name })));
      return;
    }
    let cancelled = false;
    setOffers([]);
    void readStoredPlanOffers(services.db, target).then((list) => {
      if (!cancelled) setOffers(list);
    });
    return () => {
      cancelled = true;
    };
  }, [open, target, openSession, services.db]);

  const pickPlan = (planId: string): void => {
    setTarget(planId);
    pickedForDraft.current = planId;
    // Linked offers belong to one plan; carrying them over would link ids that do not exist there.
    setDraft((d) => ({ ...d, offerIds: [] }));
    setError(null);
  };

  const capture = useCallback(async (): Promise<void> => {
    if (target === null || !profile) return;
    const plans = choices.state === 'ready' ? choices.plans : [];
    const title = plans.find((p) => p.id === target)?.title ?? t('plan.untitled');
    setBusy(true);
    setError(null);
    const live = currentOpenPlan();
    let result: Result<string>;
    try {
      if (live?.planId === target) {
        live.stopCapturing();
        result = captureInsight(live.doc, live.ctx, draftInput(draft));
        live.stopCapturing();
      } else {
        result = await captureIntoStoredPlan({
          db: services.db,
          planId: target,
          actor: { id: profile.id, name: profile.name },
          input: draftInput(draft),
          onRowWritten: () => void reloadLibrary({ db: services.db, store: useAppStore }),
        });
      }
    } catch (thrown) {
      result = err('insight/save-failed', thrown instanceof Error ? thrown.message : String(thrown));
    } finally {
      setBusy(false);
    }
    if (!result.ok) {
      setError(t('quickCapture.failed', { plan: title, reason: errorText(result.error) }));
      return;
    }
    const insightId = result.value;
    pickedForDraft.current = null;
    setDraft(afterCapture);
    setOpen(false);
    showToast({
      tone: 'success',
      message: t('quickCapture.savedTo', { plan: title }),
      duration: 8000,
      action: {
        label: t('quickCapture.openInsight'),
        run: () => {
          requestInsightFocus(insightId);
          navigate({ name: 'plan', planId: target, section: 'insights' });
        },
      },
    });
  }, [target, profile, choices, draft, services.db, t, errorText, showToast, navigate]);

  const createPlan = (): void => {
    setOpen(false);
    navigate({ name: 'library' });
    setCreateOpen(true);
  };

  const plans = choices.state === 'ready' ? choices.plans : [];
  return (
    <Dialog open={open} onOpenChange={setOpen} title={t('insights.quickTitle')} description={t('quickCapture.intro')} closeLabel={t('common.close')} size="lg">
      {choices.state === 'loading' ? (
        <Spinner label={t('quickCapture.loadingPlans')} />
      ) : choices.state === 'error' ? (
        <p className="al-capture__error" role="alert">
          {t('quickCapture.plansFailed', { reason: choices.message })}
        </p>
      ) : plans.length === 0 || target === null ? (
        <div data-testid="capture-no-plans">
          <EmptyState
            icon="plans"
            title={t('quickCapture.noPlansTitle')}
            body={t('quickCapture.noPlansBody')}
            action={
              <Button variant="primary" icon="plus" onClick={createPlan} data-testid="capture-create-plan">
                {t('quickCapture.createPlan')}
              </Button>
            }
          />
        </div>
      ) : (
        <CaptureFields
          draft={draft}
          onDraft={setDraft}
          offers={offers}
          onSubmit={() => void capture()}
          autoFocus
          busy={busy}
          error={error}
          before={<PlanPicker plans={plans} value={target} onValue={pickPlan} disabled={busy} />}
        />
      )}
    </Dialog>
  );
}

