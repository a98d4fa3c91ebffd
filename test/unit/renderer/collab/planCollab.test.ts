import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { base64UrlEncode } from '../../../../shared/invite';
import { DOC_SECRET_KEY, readDocSecret } from '../../../../renderer/collab/docSecret';
import { createCollabEnvironment, type MutableCollabEnvironment } from '../../../../renderer/collab/environment';
import { PlanCollab, type CollabDeps } from '../../../../renderer/collab/planCollab';
import { loadShare, saveShare, makeShare } from '../../../../renderer/collab/shareData';
import { ROOTS } from '../../../../renderer/domain';
import { getPlan, putPlanMeta, type LockstepDB } from '../../../../renderer/storage';
import { useLockstepDB } from '../../../support/lockstepDb';
import { readLocalPresence } from '../../../../renderer/sync/presence';
import { fakeStartSync, type FakeSession } from './fakeSession';

const openDb = useLockstepDB('collab');
let db: LockstepDB;
let env: MutableCollabEnvironment;
let secretCounter = 0;
const collabs: PlanCollab[] = [];

const user = { name: 'Sanne de Vries', role: 'marketing', color: '#2563eb' };
/** Deterministic secrets: 16 bytes of one repeated value per call. */
const newSecret = (): Uint8Array => new Uint8Array(16).fill((secretCounter += 1));
const encoded = (n: number): string => base64UrlEncode(new Uint8Array(16).fill(n));

beforeEach(async () => {
  db = await openDb();
  env = createCollabEnvironment(null);
  secretCounter = 0;
  await putPlanMeta(db, { id: 'plan-1', title: 'Sensor Kit 2', kind: 'launch', updatedAt: 1000 });
});

afterEach(async () => {
  await Promise.all(collabs.splice(0).map((c) => c.dispose()));
});

function make(doc: Y.Doc, start: CollabDeps['startSync'], planId = 'plan-1', identity = user): PlanCollab {
  const collab = new PlanCollab(planId, doc, { db, startSync: start, environment: env, identity: () => identity, newSecret, rotationHandoverMs: 0 });
  collabs.push(collab);
  return collab;
}

const last = (sessions: FakeSession[]): FakeSession => {
  const session = sessions.at(-1);
  if (!session) throw new Error('no session started');
  return session;
};

describe('PlanCollab', () => {
  it('does not touch the network for a plan that is not shared', async () => {
    const fake = fakeStartSync();
    const collab = make(new Y.Doc(), fake.start);
    await collab.settled();
    expect(collab.snapshot().phase).toBe('local');
    expect(fake.sessions).toHaveLength(0);
  });

  it('creates the secret on first share, stores it in the row and the document, and starts syncing', async () => {
    env.setSettings({ signalingUrls: ['ws://10.0.0.5:4444'], iceServers: [{ urls: 'stun:stun.example.com:3478' }] });
    const fake = fakeStartSync();
    const doc = new Y.Doc();
    const collab = make(doc, fake.start);
    collab.setSection('segments');
    const shared = await collab.share();
    expect(shared.ok).toBe(true);
    const row = await loadShare(db, 'plan-1');
    expect(row.ok && row.value?.secret).toBe(encoded(1));
    expect(readDocSecret(doc)?.secret).toBe(encoded(1));
    expect(fake.sessions).toHaveLength(1);
    const options = last(fake.sessions).options;
    expect([...options.secret]).toEqual([...newSecret().fill(1)]);
    expect(options.signalingUrls).toEqual(['ws://10.0.0.5:4444']);
    expect(options.iceServers).toEqual([{ urls: 'stun:stun.example.com:3478' }]);
    expect(options.awareness).toBe(collab.awareness);
    expect(collab.snapshot().phase).toBe('live');
    // Presence is published again after the session started (y-webrtc may clear it).
    expect(readLocalPresence(collab.awareness)).toMatchObject({ user, section: 'segments' });
    // Sharing twice keeps the same secret.
    const again = await collab.share();
    expect(again.ok && again.value.secret).toBe(encoded(1));
    expect(fake.sessions).toHaveLength(1);
    // Sharing is not an edit: the row's updatedAt is unchanged.
    const entry = await getPlan(db, 'plan-1');
    expect(entry.ok && entry.value && !entry.value.corrupt && entry.value.updatedAt).toBe(1000);
  });

  it('starts syncing when a shared plan is opened, with the invite signaling plus this device', async () => {
    await saveShare(db, 'plan-1', makeShare(new Uint8Array(16).fill(7), ['ws://192.168.1.20:4444'], 5));
    env.setSettings({ signalingUrls: ['ws://10.0.0.5:4444'], iceServers: [] });
    const fake = fakeStartSync();
    const collab = make(new Y.Doc(), fake.start);
    await collab.settled();
    expect(collab.snapshot().phase).toBe('live');
    expect(last(fake.sessions).options.signalingUrls).toEqual(['ws://192.168.1.20:4444', 'ws://10.0.0.5:4444']);
    expect([...last(fake.sessions).options.secret]).toEqual(new Array(16).fill(7));
  });

  it('mirrors the session status and restarts only when the environment really changed', async () => {
    await saveShare(db, 'plan-1', makeShare(new Uint8Array(16).fill(7), [], 5));
    const fake = fakeStartSync();
    const collab = make(new Y.Doc(), fake.start);
    await collab.settled();
    last(fake.sessions).emit({ state: 'connected', lastSyncedAt: 42, lastSyncedWith: 'Jukka' });
    expect(collab.snapshot().sync).toMatchObject({ state: 'connected', lastSyncedWith: 'Jukka' });

    env.setSettings({ signalingUrls: [], iceServers: [] });
    await collab.settled();
    expect(fake.sessions).toHaveLength(1);

    env.setWorkshop({ port: 4444, signalingUrls: ['ws://10.0.0.9:4444'], webUrls: ['http://10.0.0.9:4444/'] });
    await collab.settled();
    expect(fake.sessions).toHaveLength(2);
    expect(fake.sessions[0]?.destroyed).toBe(true);
    expect(last(fake.sessions).options.signalingUrls).toEqual(['ws://10.0.0.9:4444']);
  });

  it('rotates: new secret in the document and the row, and the session moves to the new room', async () => {
    const fake = fakeStartSync();
    const doc = new Y.Doc();
    const collab = make(doc, fake.start);
    await collab.share();
    const rotated = await collab.rotate();
    expect(rotated.ok && rotated.value.secret).toBe(encoded(2));
    expect(readDocSecret(doc)?.secret).toBe(encoded(2));
    const row = await loadShare(db, 'plan-1');
    expect(row.ok && row.value?.secret).toBe(encoded(2));
    expect(fake.sessions).toHaveLength(2);
    expect(fake.sessions[0]?.destroyed).toBe(true);
    expect([...last(fake.sessions).options.secret]).toEqual(new Array(16).fill(2));
  });

  it('follows a rotation made by another member (received as a remote update)', async () => {
    await putPlanMeta(db, { id: 'plan-b', title: 'Sensor Kit 2', kind: 'launch' });
    const fakeA = fakeStartSync();
    const fakeB = fakeStartSync();
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = make(docA, fakeA.start);
    await a.share();
    // B joined with A's invite: same secret in its row, same document.
    await saveShare(db, 'plan-b', makeShare(new Uint8Array(16).fill(1), [], 5));
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    const b = make(docB, fakeB.start, 'plan-b');
    await b.settled();
    expect([...last(fakeB.sessions).options.secret]).toEqual(new Array(16).fill(1));

    const before = Y.encodeStateVector(docB);
    await a.rotate();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, before), 'peer');
    await b.settled();
    expect(fakeB.sessions).toHaveLength(2);
    expect(fakeB.sessions[0]?.destroyed).toBe(true);
    expect([...last(fakeB.sessions).options.secret]).toEqual(new Array(16).fill(2));
    const row = await loadShare(db, 'plan-b');
    expect(row.ok && row.value?.secret).toBe(encoded(2));
  });

  it('ignores a malformed secret a peer wrote into the document', async () => {
    const fake = fakeStartSync();
    const doc = new Y.Doc();
    const collab = make(doc, fake.start);
    await collab.share();
    const evil = new Y.Doc();
    evil.getMap(ROOTS.meta).set(DOC_SECRET_KEY, { secret: 42, at: 'soon' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil), 'peer');
    const evil2 = new Y.Doc();
    evil2.getMap(ROOTS.meta).set(DOC_SECRET_KEY, { secret: 'not-base64-but-long-enough!!', at: 1, by: 'x' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(evil2), 'peer');
    await collab.settled();
    expect(fake.sessions).toHaveLength(1);
    expect(collab.snapshot().phase).toBe('live');
  });

  it('leaves: stops syncing and forgets the secret locally, without touching the shared document', async () => {
    const fake = fakeStartSync();
    const doc = new Y.Doc();
    const collab = make(doc, fake.start);
    await collab.share();
    const left = await collab.leave();
    expect(left.ok).toBe(true);
    expect(last(fake.sessions).destroyed).toBe(true);
    expect(collab.snapshot().phase).toBe('local');
    const row = await loadShare(db, 'plan-1');
    expect(row.ok && row.value).toBeNull();
    expect(readDocSecret(doc)?.secret).toBe(encoded(1));
    // Opening the plan again does not resume syncing.
    const fake2 = fakeStartSync();
    const reopened = make(doc, fake2.start);
    await reopened.settled();
    expect(fake2.sessions).toHaveLength(0);
  });

  it('treats an unreadable share field as not shared', async () => {
    await putPlanMeta(db, { id: 'plan-1', title: 'Sensor Kit 2', kind: 'launch', share: { v: 9, secret: 12 } });
    const fake = fakeStartSync();
    const collab = make(new Y.Doc(), fake.start);
    await collab.settled();
    expect(collab.snapshot().phase).toBe('local');
    expect(fake.sessions).toHaveLength(0);
  });

  it('reports a session that cannot start in plain words and keeps working', async () => {
    await saveShare(db, 'plan-1', makeShare(new Uint8Array(16).fill(7), [], 5));
    const collab = make(new Y.Doc(), () => Promise.reject(new Error('The sync room could not be opened.')));
    await collab.settled();
    expect(collab.snapshot()).toMatchObject({ phase: 'failed', error: 'The sync room could not be opened.' });
    collab.setSection('brief');
    expect(readLocalPresence(collab.awareness)?.section).toBe('brief');
  });

  it('publishes follow and section, and clears presence and the session on dispose', async () => {
    const fake = fakeStartSync();
    const collab = make(new Y.Doc(), fake.start);
    await collab.share();
    collab.setSection('milestones');
    collab.setFollow(1234);
    expect(readLocalPresence(collab.awareness)).toMatchObject({ section: 'milestones', followId: 1234 });
    collab.setFollow(undefined);
    expect(readLocalPresence(collab.awareness)?.followId).toBeUndefined();
    await collab.dispose();
    expect(last(fake.sessions).destroyed).toBe(true);
    expect(collab.awareness.getLocalState()).toBeNull();
    const afterDispose = await collab.share();
    expect(afterDispose.ok).toBe(false);
  });
});
