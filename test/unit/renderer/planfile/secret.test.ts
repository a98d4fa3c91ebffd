import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { base64UrlEncode, encodeInvitePayload, formatShortCode } from '../../../../shared/invite';
import { DOC_SECRET_KEY, readDocSecret, writeDocSecret } from '../../../../renderer/collab/docSecret';
import { readShare } from '../../../../renderer/collab/shareData';
import { planFingerprint, readPlan, ROOTS } from '../../../../renderer/domain';
import { encodeContainer, exportPlanFile, importPlanFile, readPlanFile } from '../../../../renderer/planfile';
import type { LockstepDB } from '../../../../renderer/storage';
import { persistDoc } from '../../../../renderer/storage/docPersistence';
import { richPlan } from '../../../support/richPlan';
import { putRow, reload, storedRows, useFreshDBs } from '../../../storage/helpers';

const db = useFreshDBs('planfile-secret');

/** Distinct, recognisable 16-byte secrets (no byte repeats, so no accidental matches). */
const secretNo = (n: number): Uint8Array => Uint8Array.from({ length: 16 }, (_, i) => (n * 37 + i * 11 + 101) & 0xff);

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Every textual form a secret travels in: base64url (doc, row, invite), hex, base64, the short code, the invite payload. */
function secretForms(secret: Uint8Array, planId: string): string[] {
  const code = formatShortCode(secret);
  const payload = encodeInvitePayload({ planId, secret, signaling: ['ws://10.0.0.5:4444'] });
  const payloadNoSignaling = encodeInvitePayload({ planId, secret });
  if (!code.ok || !payload.ok || !payloadNoSignaling.ok) throw new Error('could not build the invite forms');
  return [
    base64UrlEncode(secret),
    hex(secret),
    hex(secret).toUpperCase(),
    Buffer.from(secret).toString('base64'),
    code.value,
    code.value.replace(/-/g, ''),
    payload.value,
    payloadNoSignaling.value,
    'lockstep://join',
    '#join=',
  ];
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Fails with the form found, so a leak says what leaked. */
function expectNoSecret(bytes: Uint8Array, secret: Uint8Array, planId: string): void {
  expect(indexOfBytes(bytes, secret), 'raw secret bytes').toBe(-1);
  const text = Buffer.from(bytes).toString('latin1');
  for (const form of secretForms(secret, planId)) expect(text.includes(form), `found ${form}`).toBe(false);
}

function expectSecret(bytes: Uint8Array, secret: Uint8Array): void {
  expect(Buffer.from(bytes).toString('latin1')).toContain(base64UrlEncode(secret));
}

/** A plan shared and rotated once: the document held the first secret and now holds the second. */
function sharedPlan(planId = 'plan-rich') {
  const { doc, ctx } = richPlan(planId, 'Sensor kit launch');
  writeDocSecret(doc, { secret: base64UrlEncode(secretNo(1)), at: 1, by: 'Ada' });
  writeDocSecret(doc, { secret: base64UrlEncode(secretNo(2)), at: 2, by: 'Ada' });
  return { doc, ctx };
}

/** The file an older Lockstep wrote: the document exactly as it was, secret included. */
function legacyFile(doc: Y.Doc): Uint8Array {
  const view = readPlan(doc);
  return encodeContainer({ appVersion: '0.0.9', planId: view.meta.planId, title: view.brief.title, exportedAt: '2026-11-01T00:00:00.000Z' }, Y.encodeStateAsUpdate(doc));
}

async function storedBytes(d: LockstepDB): Promise<Uint8Array[]> {
  return (await storedRows(d)).map((row) => row.value as Uint8Array);
}

describe('plan files never carry the room secret', () => {
  it('leaves the current and earlier secrets and every invite form out of an exported file', () => {
    const { doc } = sharedPlan();
    // The test can fail: the live document really holds the secret in its encoded state.
    expectSecret(Y.encodeStateAsUpdate(doc), secretNo(2));
    const bytes = exportPlanFile(doc, { appVersion: '0.1.0' });
    expectNoSecret(bytes, secretNo(2), 'plan-rich');
    expectNoSecret(bytes, secretNo(1), 'plan-rich');
    // Exporting never changes the live plan (it keeps following rotations).
    expect(readDocSecret(doc)?.secret).toBe(base64UrlEncode(secretNo(2)));
  });

  it('still round-trips the plan itself: same read model and state vector', async () => {
    const { doc } = sharedPlan();
    const bytes = exportPlanFile(doc, { appVersion: '0.1.0' });
    const read = readPlanFile(bytes);
    expect(read.ok).toBe(true);
    const d = db();
    expect(await importPlanFile(d, bytes)).toMatchObject({ ok: true, value: { mode: 'new' } });
    const { doc: back } = await reload(d, 'plan-rich');
    expect(planFingerprint(readPlan(back))).toBe(planFingerprint(readPlan(doc)));
    expect(Y.encodeStateVector(back)).toEqual(Y.encodeStateVector(doc));
    expect(readDocSecret(back)).toBeNull();
  });

  it('an unshared plan exports byte for byte as its state (nothing to remove)', () => {
    const { doc } = richPlan();
    const bytes = exportPlanFile(doc, { appVersion: '0.1.0' });
    const read = readPlanFile(bytes);
    expect(read.ok && read.value.update).toEqual(Y.encodeStateAsUpdate(doc));
  });

  it('drops the secret of an old file on import as a new plan, which is not shared', async () => {
    const { doc } = sharedPlan();
    const file = legacyFile(doc);
    expectSecret(file, secretNo(2));
    const d = db();
    expect(await importPlanFile(d, file)).toMatchObject({ ok: true, value: { planId: 'plan-rich', mode: 'new' } });
    for (const stored of await storedBytes(d)) expectNoSecret(stored, secretNo(2), 'plan-rich');
    const row = await d.plans.get('plan-rich');
    expect(readShare(row?.share)).toBeNull();
    const { doc: back } = await reload(d, 'plan-rich');
    expect(readDocSecret(back)).toBeNull();
    expect(back.getMap(ROOTS.meta).has(DOC_SECRET_KEY)).toBe(false);
    expect(planFingerprint(readPlan(back))).toBe(planFingerprint(readPlan(doc)));
    // Exporting the imported plan again is clean too.
    expectNoSecret(exportPlanFile(back, { appVersion: '0.1.0' }), secretNo(2), 'plan-rich');
  });

  it('drops the secret of an old file imported as a copy', async () => {
    const { doc } = sharedPlan();
    const d = db();
    expect(await importPlanFile(d, legacyFile(doc), { asCopy: true, newId: () => 'copy-1' })).toMatchObject({ ok: true, value: { mode: 'copy' } });
    for (const stored of await storedBytes(d)) expectNoSecret(stored, secretNo(2), 'plan-rich');
    const { doc: back } = await reload(d, 'copy-1');
    expect(readDocSecret(back)).toBeNull();
    expect(readPlan(back).meta.planId).toBe('copy-1');
  });

  it('does not hand a stored (closed) plan a secret it never had when an old file is merged into it', async () => {
    // This device has the plan from before it was shared; the file comes from a member.
    const { doc: ours } = richPlan('plan-rich', 'Sensor kit launch');
    const d = db();
    await putRow(d, 'plan-rich', 0, Y.encodeStateAsUpdate(ours));
    await d.plans.add({ id: 'plan-rich', title: 'Sensor kit launch', kind: 'launch', stage: 'draft', createdAt: 1, updatedAt: 1, pinned: 0, archived: 0, deletedAt: null });
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(ours));
    writeDocSecret(theirs, { secret: base64UrlEncode(secretNo(3)), at: 3, by: 'Bob' });
    expect(await importPlanFile(d, legacyFile(theirs))).toMatchObject({ ok: true, value: { mode: 'merged' } });
    for (const stored of await storedBytes(d)) expectNoSecret(stored, secretNo(3), 'plan-rich');
    const { doc: back } = await reload(d, 'plan-rich');
    expect(readDocSecret(back)).toBeNull();
  });

  it('merging an old file into an open shared plan keeps that plan’s own secret and adds none', async () => {
    const d = db();
    const { doc: seed } = sharedPlan();
    await putRow(d, 'plan-rich', 0, Y.encodeStateAsUpdate(seed));
    await d.plans.add({ id: 'plan-rich', title: 'Sensor kit launch', kind: 'launch', stage: 'draft', createdAt: 1, updatedAt: 1, pinned: 0, archived: 0, deletedAt: null });
    const live = new Y.Doc({ guid: 'plan-rich' });
    const persistence = persistDoc(d, 'plan-rich', live, { compactOnOpen: false });
    await persistence.whenLoaded;
    try {
      // An old file exported while the current secret was in force: merging it changes nothing about the secret.
      const sameSecret = await importPlanFile(d, legacyFile(seed), { openDoc: () => live });
      expect(sameSecret).toMatchObject({ ok: true, value: { mode: 'merged' } });
      expect(readDocSecret(live)?.secret).toBe(base64UrlEncode(secretNo(2)));

      // A file from a copy that saw a later rotation this device missed: that secret stays out.
      const elsewhere = new Y.Doc();
      Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(seed));
      writeDocSecret(elsewhere, { secret: base64UrlEncode(secretNo(4)), at: 4, by: 'Bob' });
      expect(await importPlanFile(d, legacyFile(elsewhere), { openDoc: () => live })).toMatchObject({ ok: true, value: { mode: 'merged' } });
      expect(readDocSecret(live)?.secret).not.toBe(base64UrlEncode(secretNo(4)));
      expectNoSecret(Y.encodeStateAsUpdate(live), secretNo(4), 'plan-rich');
    } finally {
      await persistence.destroy();
    }
    for (const stored of await storedBytes(d)) expectNoSecret(stored, secretNo(4), 'plan-rich');
  });
});
