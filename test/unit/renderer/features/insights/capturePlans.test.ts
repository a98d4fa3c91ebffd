import { describe, expect, it } from 'vitest';
import { capturePlanChoices, defaultCapturePlan } from '../../../../../renderer/features/insights/capturePlans';
import { isQuickCaptureKey } from '../../../../../renderer/features/insights/shortcut';
import { requestInsightFocus, whenInsightFocusRequested } from '../../../../../renderer/features/insights/focusRequest';
import { currentOpenPlan, onOpenPlanChange, publishOpenPlan, withdrawOpenPlan } from '../../../../../renderer/features/insights/openPlanSlot';
import type { LibraryEntry } from '../../../../../renderer/storage';
import type { PlanSession } from '../../../../../renderer/workspace/planSession';

const row = (id: string, extra: Partial<Extract<LibraryEntry, { corrupt?: false }>> = {}): LibraryEntry => ({
  id,
  title: `Plan ${id}`,
  kind: 'launch',
  stage: 'draft',
  updatedAt: 1,
  createdAt: 1,
  pinned: 0,
  archived: 0,
  deletedAt: null,
  ...extra,
});

describe('quick capture plan picker', () => {
  it('offers readable, live plans in library order, with a name for untitled ones', () => {
    const entries: LibraryEntry[] = [
      row('a'),
      row('b', { title: '   ' }),
      row('c', { archived: 1 }),
      row('d', { deletedAt: 5 }),
      { corrupt: true, id: 'e', title: 'Unreadable plan', reason: 'damaged', raw: null },
      row('f', { stage: 'pilot' }),
    ];
    expect(capturePlanChoices(entries, 'Untitled plan')).toEqual([
      { id: 'a', title: 'Plan a', stage: 'draft' },
      { id: 'b', title: 'Untitled plan', stage: 'draft' },
      { id: 'f', title: 'Plan f', stage: 'pilot' },
    ]);
  });

  it('defaults to the open plan, else the last opened, else the top of the library', () => {
    const plans = capturePlanChoices([row('a'), row('b'), row('c')], '');
    expect(defaultCapturePlan(plans, { openPlanId: 'c', lastOpenedId: 'b' })).toBe('c');
    expect(defaultCapturePlan(plans, { openPlanId: null, lastOpenedId: 'b' })).toBe('b');
    expect(defaultCapturePlan(plans, {})).toBe('a');
    // A remembered plan that was deleted or archived since is not offered, so not chosen.
    expect(defaultCapturePlan(plans, { openPlanId: 'gone', lastOpenedId: 'also-gone' })).toBe('a');
    expect(defaultCapturePlan([], { lastOpenedId: 'b' })).toBeNull();
  });

  it('the shortcut is Ctrl or Cmd + Shift + K, never with Alt (AltGr layouts)', () => {
    const key = (over: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, key: 'K', ...over });
    expect(isQuickCaptureKey(key({ ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isQuickCaptureKey(key({ metaKey: true, shiftKey: true, key: 'k' }))).toBe(true);
    expect(isQuickCaptureKey(key({ ctrlKey: true }))).toBe(false);
    expect(isQuickCaptureKey(key({ ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isQuickCaptureKey(key({ ctrlKey: true, shiftKey: true, key: 'J' }))).toBe(false);
  });

  it('"Open" focuses the insight once, whether its card is already shown or mounts later', () => {
    const focused: string[] = [];
    const stop = whenInsightFocusRequested('i1', () => focused.push('i1'));
    requestInsightFocus('i1');
    requestInsightFocus('i2');
    stop();
    const stopLater = whenInsightFocusRequested('i2', () => focused.push('i2'));
    requestInsightFocus('i3');
    stopLater();
    expect(focused).toEqual(['i1', 'i2']);
  });

  it('the open plan slot follows the workspace; a late withdraw never hides a newer plan', () => {
    // Only identity and planId matter to the slot; the rest of a session is not touched.
    const a = { planId: 'a' } as PlanSession;
    const b = { planId: 'b' } as PlanSession;
    let changes = 0;
    const stop = onOpenPlanChange(() => (changes += 1));
    publishOpenPlan(a);
    publishOpenPlan(b);
    withdrawOpenPlan(a);
    expect(currentOpenPlan()?.planId).toBe('b');
    withdrawOpenPlan(b);
    expect(currentOpenPlan()).toBeNull();
    stop();
    expect(changes).toBe(3);
  });
});
