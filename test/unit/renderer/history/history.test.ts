import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMilestone,
  addPhase,
  addSegment,
  changeStage,
  createUndoManager,
  planFingerprint,
  readPlan,
  removeMilestone,
  removeSegment,
  renameSegment,
  setBriefLine,
  setBriefText,
  setJourneyCell,
  setSegmentText,
  updateMilestone,
  type PlanView,
} from '../../../../renderer/domain';
import {
  activityFeed,
  compareSnapshotWithNow,
  comparePlans,
  createSnapshot,
  deleteSnapshot,
  describeChange,
  groupByDay,
  listSnapshots,
  loadSnapshot,
  maybeAutoSnapshot,
  restoreSnapshot,
  snapshotView,
  watchAutoSnapshots,
  type PlanChange,
} from '../../../../renderer/history';
import { translator } from '../../../../renderer/export';
import { createI18n } from '../../../../renderer/i18n';
import { testContext } from '../../../support/context';
import { richPlan, writeNarrative } from '../../../support/richPlan';
import { useFreshDBs } from '../../../storage/helpers';

const db = useFreshDBs('history');

/** Plan content without logs: what a restore must bring back exactly. */
function content(view: PlanView) {
  const { activity: _a, conflicts: _c, ...rest } = view;
  return rest;
}

/** Every clock in `after` is ≥ the same client's clock in `before`: history only grew. */
function onlyGrew(before: Uint8Array, after: Uint8Array): boolean {
  const a = Y.decodeStateVector(before);
  const b = Y.decodeStateVector(after);
  return [...a].every(([client, clock]) => (b.get(client) ?? -1) >= clock);
}

describe('snapshots', () => {
  it('stores, lists newest first, opens read-only and deletes', async () => {
    const d = db();
    const { doc, ctx } = richPlan();
    const first = await createSnapshot(d, 'plan-rich', doc, { name: 'Before workshop', kind: 'named', byName: 'Ada', now: 1000 });
    expect(first).toMatchObject({ ok: true, value: { name: 'Before workshop', kind: 'named', planId: 'plan-rich', createdAt: 1000, byName: 'Ada' } });
    const viewThen = readPlan(doc);
    setBriefLine(doc, ctx, 'title', 'Renamed later');
    const second = await createSnapshot(d, 'plan-rich', doc, { name: '  Second\nline ', kind: 'named', now: 2000 });
    expect(second.ok && second.value.name).toBe('Second line');
    const listed = await listSnapshots(d, 'plan-rich');
    expect(listed.ok && listed.value.map((s) => s.createdAt)).toEqual([2000, 1000]);

    if (!first.ok) return;
    const loaded = await loadSnapshot(d, 'plan-rich', first.value.id);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const view = snapshotView(loaded.value.state);
    expect(view.ok && planFingerprint(view.value)).toBe(planFingerprint(viewThen));
    // Another plan's id cannot read it.
    expect((await loadSnapshot(d, 'other-plan', first.value.id)).ok).toBe(false);
    await deleteSnapshot(d, 'plan-rich', first.value.id);
    const after = await listSnapshots(d, 'plan-rich');
    expect(after.ok && after.value.length).toBe(1);
  });

  it('skips damaged rows instead of failing the list', async () => {
    const d = db();
    const { doc } = richPlan();
    await createSnapshot(d, 'plan-rich', doc, { name: 'ok', kind: 'named' });
    await d.snapshots.add({ docId: 'plan-rich', createdAt: 5, name: 'bad', state: 'not bytes' as unknown as Uint8Array });
    const listed = await listSnapshots(d, 'plan-rich');
    expect(listed.ok && listed.value.map((s) => s.name)).toEqual(['ok']);
    expect(snapshotView(new Uint8Array([1, 2, 3, 250, 251])).ok).toBe(false);
  });

  it('takes automatic snapshots at stage changes and new weekly syncs, without duplicates', async () => {
    const d = db();
    const { doc, ctx } = richPlan();
    const watch = watchAutoSnapshots(d, 'plan-rich', doc, { byName: 'Ada' });
    changeStage(doc, ctx, { stage: 'pilot' });
    setBriefLine(doc, ctx, 'owner', 'Mia'); // not a trigger
    doc.getMap('syncs').set('sync-1', new Y.Map());
    await watch.idle();
    // A remote stage change (another origin) also counts.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    changeStage(peer, testContext('Bob'), { stage: 'stopped' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), 'remote');
    await watch.idle();
    watch.dispose();
    const listed = await listSnapshots(d, 'plan-rich');
    if (!listed.ok) throw new Error(listed.error.message);
    const autos = listed.value.map((s) => `${s.trigger}:${s.detail}`).sort();
    expect(autos).toEqual(['stage-change:pilot', 'stage-change:stopped', 'weekly-sync:sync-1']);

    // Nothing changed since the newest snapshot: skipped. Same weekly sync twice: skipped.
    expect(await maybeAutoSnapshot(d, 'plan-rich', doc, { trigger: 'stage-change', detail: 'stopped' })).toEqual({ ok: true, value: null });
    setBriefLine(doc, ctx, 'owner', 'Someone else');
    expect(await maybeAutoSnapshot(d, 'plan-rich', doc, { trigger: 'weekly-sync', detail: 'sync-1' })).toEqual({ ok: true, value: null });
  });
});

describe('compare snapshot with now', () => {
  it('lists exactly the changes, per section, in plain words', async () => {
    const { doc, ctx } = richPlan();
    const snapshot = Y.encodeStateAsUpdate(doc);
    const view = readPlan(doc);
    const [benelux, nordic] = view.segments;
    const [trade] = view.milestones;
    const [awareness] = view.phases;
    if (!benelux || !nordic || !trade || !awareness) throw new Error('fixture changed');

    setBriefLine(doc, ctx, 'title', 'Sensor kit launch 2027');
    setBriefText(doc, ctx, 'objective', '');
    renameSegment(doc, ctx, benelux.id, 'Benelux water utilities');
    setSegmentText(doc, ctx, benelux.id, 'buyingMotives', 'Audit readiness');
    removeSegment(doc, ctx, nordic.id);
    addSegment(doc, ctx, 'German Stadtwerke');
    setJourneyCell(doc, ctx, awareness.id, 'sales', 'owner', 'Jan');
    addPhase(doc, ctx, 'Expansion');
    updateMilestone(doc, ctx, trade.id, { date: '2026-12-07', done: true });
    removeMilestone(doc, ctx, view.milestones[1]?.id ?? '');
    writeNarrative(doc, [{ paragraph: 'A new closing paragraph.' }]);
    doc.getMap('offers').set('offer-1', new Y.Map([['name', 'Sensor + software bundle']]));

    const comparison = compareSnapshotWithNow(snapshot, doc);
    if (!comparison) throw new Error('compare failed');
    const simple = comparison.sections.flatMap((s) => s.changes.map((c) => [c.section, c.kind, c.item, c.field ?? '', c.discipline ?? ''].join(' | ')));
    const removedTitle = view.milestones[1]?.title ?? '';
    expect(simple.sort()).toEqual(
      [
        'brief | changed |  | title | ',
        'brief | changed |  | objective | ',
        'narrative | changed |  | narrative | ',
        'segments | changed | Benelux water utilities | name | ',
        'segments | changed | Benelux water utilities | buyingMotives | ',
        'segments | removed | Nordic water boards |  | ',
        'segments | added | German Stadtwerke |  | ',
        'phases | added | Expansion |  | ',
        'journey | changed | [phase.awareness] | owner | sales',
        'milestones | changed | Trade fair Utrecht | date | ',
        'milestones | changed | Trade fair Utrecht | done | ',
        `milestones | removed | ${removedTitle} |  | `,
        'offers | added | Sensor + software bundle |  | ',
      ].sort(),
    );
    expect(comparison.total).toBe(13);
    expect(comparison.sections.map((s) => s.section)).toEqual(['brief', 'narrative', 'segments', 'phases', 'journey', 'milestones', 'offers']);

    // The same doc compared with itself: nothing.
    expect(comparePlans(doc, doc)).toEqual({ sections: [], total: 0 });
  });

  it('describes changes in the user language', async () => {
    const en = await createI18n('en');
    const nl = await createI18n('nl');
    const fi = await createI18n('fi');
    const date: PlanChange = { section: 'milestones', kind: 'changed', itemId: 'm', item: 'Trade fair', field: 'date', before: '2026-11-30', after: '2026-12-07' };
    expect(describeChange(date, { t: translator(en), language: 'en' })).toBe('Date of “Trade fair” changed from “30/11/2026” to “07/12/2026”');
    expect(describeChange(date, { t: translator(nl), language: 'nl' })).toBe('Datum van “Trade fair” gewijzigd van “30-11-2026” naar “07-12-2026”');
    expect(describeChange(date, { t: translator(fi), language: 'fi' })).toContain('30.11.2026');
    const stage: PlanChange = { section: 'brief', kind: 'changed', itemId: '', item: '', field: 'stage', before: 'draft', after: 'pilot' };
    expect(describeChange(stage, { t: translator(en), language: 'en' })).toBe('Stage changed from “Draft” to “Pilot”');
    const removed: PlanChange = { section: 'segments', kind: 'removed', itemId: 's', item: 'Nordic' };
    expect(describeChange(removed, { t: translator(nl), language: 'nl' })).toBe('Segment “Nordic” verwijderd');
    const generic: PlanChange = { section: 'offers', kind: 'added', itemId: 'o', item: 'Bundle' };
    expect(describeChange(generic, { t: translator(en), language: 'en' })).toBe('Offers: “Bundle” added');
    const cell: PlanChange = { section: 'journey', kind: 'changed', itemId: 'p|sales', item: 'Awareness', discipline: 'sales', field: 'owner', before: '', after: 'Jan' };
    expect(describeChange(cell, { t: translator(en), language: 'en' })).toBe('Owner of “Awareness · Sales” set to “Jan”');
  });
});

describe('restore as a new edit', () => {
  it('brings the snapshot content back and reaches a second peer without rewriting history', async () => {
    const { doc: a, ctx } = richPlan();
    const b = new Y.Doc();
    // Two peers exchanging updates, like sync does.
    a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'from-b' && Y.applyUpdate(b, u, 'from-a'));
    b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'from-a' && Y.applyUpdate(a, u, 'from-b'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a), 'from-a');

    const snapshot = Y.encodeStateAsUpdate(a);
    const then = readPlan(a);
    const narrativeThen = a.getXmlFragment('narrative').toString();
    const [benelux, nordic] = then.segments;
    if (!benelux || !nordic) throw new Error('fixture changed');

    // Changes after the snapshot, by both peers.
    const bob = testContext('Bob');
    setBriefLine(a, ctx, 'title', 'Changed title');
    setBriefText(b, bob, 'pain', 'Completely different pain');
    removeSegment(a, ctx, nordic.id);
    addSegment(b, bob, 'Segment added later');
    setSegmentText(a, ctx, benelux.id, 'pains', 'Manual re-entry of readings, daily');
    changeStage(b, bob, { stage: 'pilot' });
    addMilestone(a, ctx, { title: 'Later milestone', date: '2027-01-10', discipline: 'sales', kind: 'milestone' });
    writeNarrative(b, [{ paragraph: 'Added after the snapshot.' }]);
    b.getXmlFragment('narrative').delete(0, 1); // the heading, so restore must re-insert it
    a.getMap('offers').set('offer-later', new Y.Map([['name', 'Later offer']]));

    const svBefore = Y.encodeStateVector(b);
    const restored = restoreSnapshot(a, ctx, snapshot, 'Before workshop');
    expect(restored.ok).toBe(true);
    expect(restored.ok && restored.value.changedRoots.sort()).toEqual(['brief', 'milestones', 'narrative', 'offers', 'segments'].sort());

    for (const peer of [a, b]) {
      expect(content(readPlan(peer))).toEqual(content(then));
      expect(peer.getXmlFragment('narrative').toString()).toBe(narrativeThen);
      expect(peer.getMap('offers').size).toBe(0);
    }
    // B only received new operations: every clock kept or grew, and A's restore client advanced.
    const svAfter = Y.encodeStateVector(b);
    expect(onlyGrew(svBefore, svAfter)).toBe(true);
    expect(Y.decodeStateVector(svAfter).get(a.clientID)).toBeGreaterThan(Y.decodeStateVector(svBefore).get(a.clientID) ?? 0);
    // The removed segment is back under its original id; the activity log says who restored.
    expect(readPlan(b).segments.map((s) => s.id)).toContain(nordic.id);
    expect(readPlan(b).activity[0]).toMatchObject({ action: 'activity.history.restored', target: 'Before workshop', byName: 'Ada' });
    // The restored stage is logged as a critical edit (no open conflict remains).
    expect(readPlan(b).conflicts).toEqual([]);
    // Restoring again is a no-op for content.
    const again = restoreSnapshot(a, ctx, snapshot, 'Before workshop');
    expect(again.ok && again.value.changedRoots).toEqual([]);
  });

  it('can be undone in one step by the person who restored', () => {
    const { doc, ctx } = richPlan();
    const snapshot = Y.encodeStateAsUpdate(doc);
    const undo = createUndoManager(doc);
    setBriefLine(doc, ctx, 'title', 'Newer title');
    addSegment(doc, ctx, 'Newer segment');
    undo.stopCapturing();
    const beforeRestore = content(readPlan(doc));
    restoreSnapshot(doc, ctx, snapshot, 'x');
    expect(readPlan(doc).brief.title).toBe('Sensor kit launch');
    undo.undo();
    expect(content(readPlan(doc))).toEqual(beforeRestore);
  });

  it('refuses unreadable snapshot bytes without touching the plan', () => {
    const { doc, ctx } = richPlan();
    const sv = Y.encodeStateVector(doc);
    const result = restoreSnapshot(doc, ctx, new Uint8Array([0, 1, 2, 250, 255, 7]), 'bad');
    expect(result.ok).toBe(false);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });
});

describe('activity feed', () => {
  it('lists who changed what, newest first, filterable and grouped by day', () => {
    const { doc } = richPlan();
    const bob = testContext('Bob');
    bob.tick(86_400_000 * 2);
    setBriefLine(doc, bob, 'owner', 'Bob');
    const feed = activityFeed(doc, { limit: 5 });
    expect(feed).toHaveLength(5);
    expect(feed[0]).toMatchObject({ byName: 'Bob', action: 'activity.brief.owner', target: 'Bob' });
    expect(new Set(feed.map((f) => f.key)).size).toBe(5);
    expect(activityFeed(doc, { by: 'bob-id' }).map((f) => f.byName)).toEqual(['Bob']);
    expect(activityFeed(doc, { since: feed[0]?.at ?? 0 })).toHaveLength(1);
    const days = groupByDay(activityFeed(doc));
    expect(days.length).toBe(2);
    expect(days[0]?.items[0]?.byName).toBe('Bob');
  });
});
