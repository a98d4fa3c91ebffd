import type { TFunction } from 'i18next';
import type { PlanKind } from '../../domain';
import { duplicatePlan, listPlans, restoreDeleted, setArchived, setPinned, softDelete, type LockstepDB, type PlanEntry } from '../../storage';
import type { AppStore } from '../../state/store';
import { createPlanFromTemplate, retitleStoredPlan } from '../../workspace/createPlan';
import type { Profile } from '../profile/profile';

/**
 * Library operations: storage call, then reload the list into the store, then tell the person
 * what happened (with Undo where it makes sense). Errors become toasts in plain words.
 */
export interface LibraryDeps {
  db: LockstepDB;
  store: AppStore;
  t: TFunction;
}

export async function reloadLibrary({ db, store }: Pick<LibraryDeps, 'db' | 'store'>): Promise<void> {
  const state = store.getState();
  const listed = await listPlans(db, { includeArchived: state.showArchived });
  if (listed.ok) state.setLibrary(listed.value);
  else state.setLibraryLoad({ state: 'error', message: listed.error.message });
}

function fail(deps: LibraryDeps, message: string): void {
  deps.store.getState().showToast({ tone: 'error', message });
}

export async function createPlanAction(deps: LibraryDeps, profile: Profile, kind: PlanKind, title: string): Promise<string | null> {
  const created = await createPlanFromTemplate({
    db: deps.db,
    actor: { id: profile.id, name: profile.name },
    kind,
    title,
    label: (key) => deps.t(key),
  });
  if (!created.ok) {
    fail(deps, created.error.message);
    return null;
  }
  await reloadLibrary(deps);
  return created.value.id;
}

export async function togglePin(deps: LibraryDeps, plan: PlanEntry): Promise<void> {
  const result = await setPinned(deps.db, plan.id, plan.pinned === 0);
  if (!result.ok) fail(deps, result.error.message);
  await reloadLibrary(deps);
}

export async function toggleArchive(deps: LibraryDeps, plan: PlanEntry): Promise<void> {
  const archive = plan.archived === 0;
  const result = await setArchived(deps.db, plan.id, archive);
  if (!result.ok) return fail(deps, result.error.message);
  await reloadLibrary(deps);
  deps.store.getState().showToast({
    tone: 'success',
    message: deps.t(archive ? 'library.archived' : 'library.unarchived', { title: plan.title }),
    ...(archive
      ? {
          action: {
            label: deps.t('common.undo'),
            run: () => void setArchived(deps.db, plan.id, false).then(() => reloadLibrary(deps)),
          },
        }
      : {}),
  });
}

export async function deletePlan(deps: LibraryDeps, plan: PlanEntry): Promise<void> {
  const result = await softDelete(deps.db, plan.id);
  if (!result.ok) return fail(deps, result.error.message);
  await reloadLibrary(deps);
  deps.store.getState().showToast({
    tone: 'info',
    message: deps.t('library.deleted', { title: plan.title }),
    action: {
      label: deps.t('common.undo'),
      run: () => {
        void restoreDeleted(deps.db, plan.id).then(async (restored) => {
          if (!restored.ok) return fail(deps, restored.error.message);
          await reloadLibrary(deps);
          deps.store.getState().showToast({ tone: 'success', message: deps.t('library.restored', { title: plan.title }) });
        });
      },
    },
  });
}

export async function duplicatePlanAction(deps: LibraryDeps, profile: Profile, plan: PlanEntry, flushOpen?: () => Promise<void>): Promise<void> {
  const store = deps.store.getState();
  const progress = store.showToast({ tone: 'progress', message: deps.t('library.duplicating', { title: plan.title }) });
  // An open copy of the plan may hold edits not yet on disk; the duplicate must include them.
  await flushOpen?.();
  const title = deps.t('library.copySuffix', { title: plan.title });
  const result = await duplicatePlan(deps.db, plan.id, globalThis.crypto.randomUUID(), title.slice(0, 200));
  if (!result.ok) {
    store.showToast({ tone: 'error', message: result.error.message }, progress);
    return;
  }
  await retitleStoredPlan(deps.db, result.value.id, { id: profile.id, name: profile.name }, title.slice(0, 200));
  await reloadLibrary(deps);
  store.showToast({ tone: 'success', message: deps.t('library.duplicated', { title }) }, progress);
}
