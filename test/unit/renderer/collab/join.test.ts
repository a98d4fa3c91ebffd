import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { joinPlan, type JoinDeps } from '../../../../renderer/collab/join';
import { loadShare } from '../../../../renderer/collab/shareData';
import { createPlan, defaultContext, readPlan } from '../../../../renderer/domain';
import { getPlan, listPlans, persistDoc, putPlanMeta, type LockstepDB } from '../../../../renderer/storage';
import { storedRows } from '../../../storage/helpers';
import { useLockstepDB } from '../../../support/lockstepDb';
import type { Invite } from '../../../../shared/invite';
import { fakeStartSync, type FakeSession } from './fakeSession';

const openDb = useLockstepDB('join');
let db: LockstepDB;

beforeEach(async () => {
  db = await openDb();
});

function sourcePlan(planId = 'plan-src'): Y.Doc {
  const doc = new Y.Doc();
  let n = 0;
  createPlan(doc, { ...defaultContext({ id: 'u1', name: 'Anna' }), newId: () => `id-${(n += 1)}` }, { planId, kind: 'campaign', title: 'Spring campaign', label: (k) => k });
  return doc;
}

const invite = (planId: string | null, signaling = ['ws://127.0.0.1:4444']): Invite => ({ v: 1, planId, secret: new Uint8Array(16).fill(3), signaling });

/** A fake network where the plan's members answer: the plan arrives, then a completed sync. */
function membersAnswer(source: Y.Doc): (session: FakeSession) => void {
  return (session) => {
    setTimeout(() => {
      Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(source), 'peer');
      session.emit({ state: 'connected', peers: [{ peerId: 'p1', connected: true, synced: true, connectedAt: 1, lastSyncedAt: 2 }] });
    }, 5);
  };
}

const deps = (start: JoinDeps['startSync']): JoinDeps => ({ db, startSync: start, signalingUrls: () => [], iceServers: () => [], now: () => 99 });

describe('joinPlan', () => {
  it('stores the received plan and its share data once the members answered (code: no plan id)', async () => {
    const source = sourcePlan();
    const fake = fakeStartSync(membersAnswer(source));
    const joined = await joinPlan(deps(fake.start), invite(null));
    expect(joined).toEqual({ ok: true, value: { planId: 'plan-src' } });
    expect(fake.sessions[0]?.destroyed).toBe(true);
    expect(fake.sessions[0]?.options.signalingUrls).toEqual(['ws://127.0.0.1:4444']);
    const row = await getPlan(db, 'plan-src');
    expect(row.ok && row.value && !row.value.corrupt && row.value.title).toBe('Spring campaign');
    const share = await loadShare(db, 'plan-src');
    expect(share.ok && share.value?.signaling).toEqual(['ws://127.0.0.1:4444']);
    // The content is on disk: the plan opens with it even before any peer is online.
    const stored = new Y.Doc();
    const persistence = persistDoc(db, 'plan-src', stored);
    await persistence.whenLoaded;
    expect(readPlan(stored).brief.title).toBe('Spring campaign');
    await persistence.destroy();
    // Stored as one compacted row of the received state, not as a second copy built from it.
    const rows = await storedRows(db, 'plan-src');
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.value as Uint8Array).equals(Buffer.from(Y.encodeStateAsUpdate(source)))).toBe(true);
  });

  it('merges what this device already held of the plan into what it received', async () => {
    const source = sourcePlan();
    // An older local copy with an edit of its own (e.g. a plan left earlier and still in the bin).
    const local = new Y.Doc();
    const before = persistDoc(db, 'plan-src', local);
    await before.whenLoaded;
    Y.applyUpdate(local, Y.encodeStateAsUpdate(source));
    local.getMap('extra').set('kept', 'local edit');
    await before.flush();
    await before.destroy();
    const joined = await joinPlan(deps(fakeStartSync(membersAnswer(source)).start), invite(null));
    expect(joined.ok).toBe(true);
    const stored = new Y.Doc();
    const persistence = persistDoc(db, 'plan-src', stored);
    await persistence.whenLoaded;
    expect(stored.getMap('extra').get('kept')).toBe('local edit');
    expect(readPlan(stored).brief.title).toBe('Spring campaign');
    await persistence.destroy();
  });

  it('leaves no trace when nobody answers and the user cancels (a wrong code)', async () => {
    const fake = fakeStartSync();
    const abort = new AbortController();
    const progress: string[] = [];
    const pending = joinPlan(deps(fake.start), invite(null), { signal: abort.signal, onProgress: (p) => progress.push(p.step) });
    setTimeout(() => abort.abort(), 20);
    const joined = await pending;
    expect(joined.ok || joined.error.code).toBe('join/cancelled');
    expect(progress).toContain('looking');
    expect(fake.sessions[0]?.destroyed).toBe(true);
    const rows = await listPlans(db);
    expect(rows.ok && rows.value).toEqual([]);
  });

  it('refuses when the plan found differs from the one the link names', async () => {
    const fake = fakeStartSync(membersAnswer(sourcePlan('plan-other')));
    const joined = await joinPlan(deps(fake.start), invite('plan-src'));
    expect(joined.ok || joined.error.code).toBe('join/mismatch');
    const rows = await listPlans(db);
    expect(rows.ok && rows.value).toEqual([]);
  });

  it('needs a meeting point', async () => {
    const fake = fakeStartSync();
    const joined = await joinPlan(deps(fake.start), invite(null, []));
    expect(joined.ok || joined.error.code).toBe('join/no-signaling');
    expect(fake.sessions).toHaveLength(0);
  });

  it('re-links a plan that is already in the library without a network round', async () => {
    await putPlanMeta(db, { id: 'plan-src', title: 'Spring campaign', kind: 'campaign' });
    const fake = fakeStartSync();
    const joined = await joinPlan(deps(fake.start), invite('plan-src'));
    expect(joined.ok).toBe(true);
    expect(fake.sessions).toHaveLength(0);
    const share = await loadShare(db, 'plan-src');
    expect(share.ok && share.value?.sharedAt).toBe(99);
  });
});
