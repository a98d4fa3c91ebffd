import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setBriefText } from '../../../renderer/domain/commands/brief';
import { createPlan as seedPlanDoc } from '../../../renderer/domain/commands/plan';
import type { CommandContext } from '../../../renderer/domain/context';
import type { Page } from 'playwright-core';
import { completeFirstRun } from '../support/app';
import { useAppRig } from '../support/appRig';
import { freshProfile } from '../support/browser';

const rig = useAppRig({ signaling: false, viewport: { width: 1280, height: 800 } });

const PLAN_ID = '5a1e9c3d-2b47-4f0e-8c61-7d2e4f9a0b13';

/** A plan's edits as separate Yjs updates, the way a schema-1 build stored them: one row each. */
function planUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const ctx: CommandContext = { actor: { id: 'p-1', name: 'Sanne de Vries' }, now: () => 1_764_000_000_000, newId: (() => { let n = 0; return () => `id-${n++}`; })() };
  seedPlanDoc(doc, ctx, { planId: PLAN_ID, kind: 'launch', title: 'Launch saved before the upgrade', label: (key) => key });
  const pain = 'Engineers re-type every measurement.';
  for (let i = 1; i <= pain.length; i++) setBriefText(doc, ctx, 'pain', pain.slice(0, i)); // typed, one row per keystroke
  return updates;
}

describe('upgrading from the schema-1 storage of the previous release', () => {
  it('opens a plan saved by the previous release, with its typing, and sets a damaged row aside', async () => {
    // Not rig.person(): the database must be written before the app first runs.
    const profile = await freshProfile(rig.origin);
    try {
      await upgradeAndCheck(profile.page);
    } finally {
      await profile.close();
    }
  });
});

async function upgradeAndCheck(page: Page): Promise<void> {
  page.setDefaultTimeout(60_000);
  // A page of the app's origin that does not run the app, so the database is written first.
  await page.route(`${rig.origin}/seed`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto(`${rig.origin}/seed`);
  const updates = planUpdates().map((u) => Array.from(u));
  await page.evaluate(async ({ planId, updates }) => {
    // Exactly what Dexie made of schema 1 (native version 10).
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('lockstep', 10);
      req.onupgradeneeded = () => {
        const d = req.result;
        const plans = d.createObjectStore('plans', { keyPath: 'id' });
        for (const index of ['updatedAt', 'pinned', 'archived', 'deletedAt', 'kind']) plans.createIndex(index, index);
        d.createObjectStore('updates', { keyPath: ['docId', 'seq'] });
        const snapshots = d.createObjectStore('snapshots', { keyPath: 'id', autoIncrement: true });
        snapshots.createIndex('docId', 'docId');
        snapshots.createIndex('createdAt', 'createdAt');
        d.createObjectStore('kv', { keyPath: 'key' });
        d.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true }).createIndex('docId', 'docId');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['plans', 'updates', 'kv'], 'readwrite');
      const at = 1_764_000_000_000;
      tx.objectStore('plans').put({ id: planId, title: 'Launch saved before the upgrade', kind: 'launch', stage: 'draft', createdAt: at, updatedAt: at, pinned: 0, archived: 0, deletedAt: null });
      updates.forEach((update, seq) => tx.objectStore('updates').put({ docId: planId, seq, update: new Uint8Array(update) }));
      tx.objectStore('updates').put({ docId: planId, seq: updates.length, update: 'damaged on disk' });
      tx.objectStore('kv').put({ key: 'schema.migrated', value: 1 });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { planId: PLAN_ID, updates });

  await page.goto(`${rig.origin}/`);
  await completeFirstRun(page);
  await page.getByTestId('plan-row').filter({ hasText: 'Launch saved before the upgrade' }).getByTestId('plan-open').click();
  await page.getByTestId('plan-title').filter({ hasText: 'Launch saved before the upgrade' }).waitFor();
  await expect.poll(() => page.getByTestId('brief-pain').inputValue()).toBe('Engineers re-type every measurement.');
  await page.locator('.banner', { hasText: 'unreadable change was skipped' }).waitFor();

  // On disk: the old table is empty, the damaged row is set aside whole, nothing else is lost.
  const disk = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('lockstep');
      req.onsuccess = () => resolve(req.result);
    });
    const count = (store: string) =>
      new Promise<number>((resolve) => {
        const req = db.transaction(store, 'readonly').objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
      });
    const aside = await new Promise<unknown[]>((resolve) => {
      const req = db.transaction('quarantine', 'readonly').objectStore('quarantine').getAll();
      req.onsuccess = () => resolve(req.result.map((q: { value: unknown }) => q.value));
    });
    const result = { version: db.version, legacy: await count('updates'), rows: await count('docUpdates'), aside };
    db.close();
    return result;
  });
  expect(disk.version).toBe(20);
  expect(disk.legacy).toBe(0);
  expect(disk.rows).toBeGreaterThanOrEqual(1); // compacted after opening, or not yet: either way on disk
  expect(disk.aside).toEqual([{ docId: PLAN_ID, seq: updates.length, update: 'damaged on disk' }]);

  // And it keeps working: an edit after the upgrade survives a reload.
  await page.getByTestId('brief-objective').fill('40 sales-accepted leads by Q2.');
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  await page.reload();
  await expect.poll(() => page.getByTestId('brief-objective').inputValue()).toBe('40 sales-accepted leads by Q2.');
  expect(await page.getByTestId('brief-pain').inputValue()).toBe('Engineers re-type every measurement.');
}
