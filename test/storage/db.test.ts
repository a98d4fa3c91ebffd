import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { LockstepDB, MIGRATED_KEY, MIGRATIONS, SCHEMA_VERSION, forgetLockstepDB, hasMigrations, openLockstepDB, type Migration } from '../../renderer/storage/db';
import { persistDoc } from '../../renderer/storage/docPersistence';
import { rowKey } from '../../renderer/storage/docUpdates';
import { defineKvKey, getKv, setKv } from '../../renderer/storage/kv';
import { freshDB, instrumentTransactions, storedRows } from './helpers';

const toClose: LockstepDB[] = [];
afterEach(() => {
  for (const d of toClose.splice(0)) d.close();
});

function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawGet(db: IDBDatabase, store: string, key: IDBValidKey): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store, 'readonly').objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

describe('openLockstepDB', () => {
  it('opens once per name and declares every table', async () => {
    const name = `single-${Math.random()}`;
    const first = await openLockstepDB(name);
    const second = await openLockstepDB(name);
    if (!first.ok || !second.ok) throw new Error('open failed');
    toClose.push(first.value);
    expect(second.value).toBe(first.value);
    expect(first.value.tables.map((t) => t.name).sort()).toEqual(['docNumbers', 'docUpdates', 'kv', 'plans', 'quarantine', 'snapshots', 'updates']);
    forgetLockstepDB(name);
  });

  it('refuses a database written by a newer schema, with a clear message, deleting nothing', async () => {
    const name = `newer-${Math.random()}`;
    const future = await rawOpen(name, 990, (db) => {
      db.createObjectStore('plans', { keyPath: 'id' }).put({ id: 'p1', title: 'From the future', shape: 'v99' });
      db.createObjectStore('somethingNew');
    });
    future.close();

    const result = await openLockstepDB(name);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('storage/newer-version');
    expect(result.error.message).toMatch(/newer version of Lockstep/);
    expect(result.error.message).toMatch(/Nothing was changed or deleted/);

    // The guard inside LockstepDB catches direct opens too (e.g. Dexie's auto-open).
    const direct = new LockstepDB(name);
    await expect(direct.open()).rejects.toBeTruthy();
    direct.close();

    const after = await rawOpen(name);
    expect(after.version).toBe(990);
    expect(Array.from(after.objectStoreNames).sort()).toEqual(['plans', 'somethingNew']);
    expect(await rawGet(after, 'plans', 'p1')).toEqual({ id: 'p1', title: 'From the future', shape: 'v99' });
    after.close();
  });
});

describe('data migrations (dexie issue 1175: upgrade lost when killed mid-way)', () => {
  const addStage: Migration = async (tx) => {
    await tx.table('plans').toCollection().modify((row: Record<string, unknown>) => {
      row['stage'] ??= 'draft';
    });
  };

  it('marks a new database as migrated', async () => {
    const d = freshDB('migrate');
    toClose.push(d);
    await d.open();
    expect(await d.kv.get(MIGRATED_KEY)).toEqual({ key: MIGRATED_KEY, value: SCHEMA_VERSION });
  });

  it('re-runs a migration whose transaction never committed, on the next open', async () => {
    const seed = freshDB('migrate');
    await seed.open();
    await seed.table('plans').put({ id: 'p', title: 'Old row' });
    await seed.kv.put({ key: MIGRATED_KEY, value: 0 }); // the state a killed migration leaves
    seed.close();

    // "Killed" half-way: the first rows change, then the process dies (here: throws).
    const dying = new LockstepDB(seed.name, {
      migrations: { 1: async (tx) => { await addStage(tx); throw new Error('process killed'); } },
    });
    await expect(dying.open()).rejects.toBeTruthy();
    dying.close();
    const raw = await rawOpen(seed.name);
    expect(await rawGet(raw, 'plans', 'p')).toEqual({ id: 'p', title: 'Old row' }); // rolled back
    expect(await rawGet(raw, 'kv', MIGRATED_KEY)).toEqual({ key: MIGRATED_KEY, value: 0 });
    raw.close();

    const healthy = new LockstepDB(seed.name, { migrations: { 1: addStage } });
    toClose.push(healthy);
    await healthy.open();
    expect(await healthy.table('plans').get('p')).toEqual({ id: 'p', title: 'Old row', stage: 'draft' });
    expect((await healthy.kv.get(MIGRATED_KEY))?.value).toBe(SCHEMA_VERSION);
  });

  it('does not read the marker on open when no migration is registered, and a later migration still runs', async () => {
    expect(hasMigrations({})).toBe(false);
    expect(hasMigrations({ 1: addStage })).toBe(true);
    expect(hasMigrations({ 99: addStage })).toBe(false); // beyond this build's schema: never run here

    const seed = freshDB('migrate');
    await seed.open();
    await seed.table('plans').put({ id: 'p', title: 'Old row' });
    await seed.kv.put({ key: MIGRATED_KEY, value: 0 }); // data that has not had migration 1
    seed.close();

    const tx = instrumentTransactions();
    const plain = new LockstepDB(seed.name, { migrations: {} });
    try {
      await plain.open();
    } finally {
      tx.restore();
    }
    // Dexie's own schema check spans every store; a marker read would be a transaction on kv alone.
    expect(tx.log.filter((e) => e.kind === 'begin' && e.stores.join() === 'kv')).toEqual([]);
    expect(await plain.kv.get(MIGRATED_KEY)).toEqual({ key: MIGRATED_KEY, value: 0 }); // left as it was
    plain.close();

    const later = new LockstepDB(seed.name, { migrations: { 1: addStage } });
    toClose.push(later);
    await later.open();
    expect(await later.table('plans').get('p')).toEqual({ id: 'p', title: 'Old row', stage: 'draft' });
    expect((await later.kv.get(MIGRATED_KEY))?.value).toBe(SCHEMA_VERSION);
  });
});

describe('schema 2: update rows become bare bytes under a number per doc and seq', () => {
  /** A database exactly as a schema-1 build left it: rows in `updates`, marker 1. */
  async function schema1Database(rows: { docId: string; seq: unknown; update?: unknown }[]): Promise<string> {
    const name = `schema1-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ plans: 'id, updatedAt, pinned, archived, deletedAt, kind', updates: '[docId+seq]', snapshots: '++id, docId, createdAt', kv: 'key', quarantine: '++id, docId' });
    await v1.open();
    await v1.table('updates').bulkAdd(rows);
    await v1.table('kv').put({ key: MIGRATED_KEY, value: 1 });
    v1.close();
    return name;
  }

  /** 1,200 edits of one plan (more than one migration chunk) and the doc they make. */
  function planEdits(): { doc: Y.Doc; rows: { docId: string; seq: number; update: Uint8Array }[] } {
    const doc = new Y.Doc();
    const rows: { docId: string; seq: number; update: Uint8Array }[] = [];
    doc.on('update', (update: Uint8Array) => rows.push({ docId: 'plan-a', seq: 7 + rows.length, update }));
    for (let i = 0; i < 1200; i++) doc.getText('narrative').insert(i, String.fromCharCode(97 + (i % 26)));
    return { doc, rows };
  }

  it('moves every row on first open, keeping keys and content, and sets damaged ones aside on load', async () => {
    const { doc: source, rows } = planEdits();
    const other = Y.encodeStateAsUpdate(new Y.Doc());
    // Seqs Lockstep never writes: not whole numbers from 0 (another build, a bug, a hand edit).
    const foreign = [
      { docId: 'plan-a', seq: -3, update: other },
      { docId: 'plan-a', seq: 2.5, update: other },
      { docId: 'plan-a', seq: 'from-another-app', update: other },
      { docId: 'plan-b', seq: 2 ** 40, update: other },
    ];
    const name = await schema1Database([...rows, { docId: 'plan-b', seq: 0, update: other }, { docId: 'plan-a', seq: 5000, update: 'damaged' }, ...foreign]);

    const d = new LockstepDB(name);
    toClose.push(d);
    await d.open();
    expect((await d.kv.get(MIGRATED_KEY))?.value).toBe(2);
    expect(await d.table('updates').count()).toBe(0);
    const planA = await storedRows(d, 'plan-a');
    const no = (await d.docNumbers.get('plan-a'))?.no as number;
    expect(planA.slice(0, rows.length)).toEqual(rows.map((r) => ({ key: rowKey(no, r.seq), value: r.update })));
    // A value that was not bytes is kept as the whole old row, so nothing of it is lost.
    expect(planA.slice(rows.length)).toEqual([{ key: rowKey(no, 5000), value: { docId: 'plan-a', seq: 5000, update: 'damaged' } }]);
    expect((await storedRows(d, 'plan-b')).map((r) => r.value)).toEqual([other]);
    expect(await d.docUpdates.count()).toBe(rows.length + 2);
    // Foreign seqs are set aside whole, under their old key, not dropped and not applied.
    const aside = await d.quarantine.toArray();
    expect(aside.map((q) => [q.table, q.key, q.value, q.reason])).toEqual(foreign.map((row) => ['updates', [row.docId, row.seq], row, 'foreign-key']));

    const loaded = new Y.Doc();
    const p = persistDoc(d, 'plan-a', loaded, { compactOnOpen: false });
    const report = await p.whenLoaded;
    expect(report).toMatchObject({ ok: true, updatesApplied: rows.length, skipped: [{ key: ['plan-a', 5000], reason: 'not-bytes', quarantined: true }] });
    expect(loaded.getText('narrative').toString()).toBe(source.getText('narrative').toString());
    expect((await d.quarantine.filter((q) => q.table === 'docUpdates').toArray()).map((q) => q.value)).toEqual([{ docId: 'plan-a', seq: 5000, update: 'damaged' }]);
    await p.destroy();
  });

  it('keeps the old rows when the migration dies half-way, and moves them on the next open', async () => {
    const { doc: source, rows } = planEdits();
    const name = await schema1Database(rows);
    const move = MIGRATIONS[2];
    if (!move) throw new Error('no v2 migration');

    const dying = new LockstepDB(name, { migrations: { 2: async (tx) => { await move(tx); throw new Error('process killed'); } } });
    await expect(dying.open()).rejects.toBeTruthy();
    dying.close();
    const raw = await rawOpen(name);
    expect(await rawGet(raw, 'kv', MIGRATED_KEY)).toEqual({ key: MIGRATED_KEY, value: 1 });
    expect(await rawGet(raw, 'updates', ['plan-a', 7])).toEqual(rows[0]);
    expect(await rawGet(raw, 'docUpdates', rowKey(0, 7))).toBeUndefined();
    expect(await rawGet(raw, 'docNumbers', 'plan-a')).toBeUndefined();
    raw.close();

    const d = new LockstepDB(name);
    toClose.push(d);
    await d.open();
    expect(await d.table('updates').count()).toBe(0);
    expect(await d.docUpdates.count()).toBe(rows.length);
    const loaded = new Y.Doc();
    const p = persistDoc(d, 'plan-a', loaded);
    await p.whenLoaded;
    expect(loaded.getText('narrative').toString()).toBe(source.getText('narrative').toString());
    await p.destroy();
  });
});

describe('kv', () => {
  const language = defineKvKey('language', z.enum(['en', 'nl', 'fi']), 'en');
  const profile = defineKvKey('profile', z.object({ name: z.string().min(1), colour: z.string() }).nullable(), null);

  it('returns the fallback when nothing is stored, and what was set otherwise', async () => {
    const d = freshDB('kv');
    toClose.push(d);
    expect(await getKv(d, language)).toEqual({ value: 'en', problem: null });
    expect(await setKv(d, language, 'fi')).toEqual({ ok: true, value: 'fi' });
    expect(await getKv(d, language)).toEqual({ value: 'fi', problem: null });
    await setKv(d, profile, { name: 'Ana', colour: '#f80' });
    expect((await getKv(d, profile)).value).toEqual({ name: 'Ana', colour: '#f80' });
  });

  it('falls back and reports a damaged value, and refuses to store an invalid one', async () => {
    const d = freshDB('kv');
    toClose.push(d);
    await d.kv.put({ key: 'language', value: 'klingon' });
    const read = await getKv(d, language);
    expect(read.value).toBe('en');
    expect(read.problem).toMatchObject({ code: 'storage/invalid' });
    expect(await d.kv.get('language')).toEqual({ key: 'language', value: 'klingon' }); // not deleted
    expect(await setKv(d, profile, { name: '', colour: 'x' })).toMatchObject({ ok: false, error: { code: 'storage/invalid' } });
  });
});
