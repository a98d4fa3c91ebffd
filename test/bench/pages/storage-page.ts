/**
 * Runs inside Chromium (bundled by test/bench/storage.bench.ts). Each function measures one
 * side on the same seeded updates and returns milliseconds; content is verified after every
 * timed run (outside the timing) so a fast but lossy run cannot pass.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { LockstepDB } from '../../../renderer/storage/db';
import { persistDoc, type DocPersistence } from '../../../renderer/storage/docPersistence';
import { docNumber, rowKey } from '../../../renderer/storage/docUpdates';
import { planStorageBytes } from '../../../renderer/storage/library';

// A plan id as the app makes them (a UUID), as in the app.
const DOC_ID = '3f0b9c1e-7a52-4d8e-9b61-2c4e8f7a9d10';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let source: Y.Doc | null = null;
let updates: Uint8Array[] = [];

/** n small updates (~20–40 bytes): typing into the narrative, some deletes, field edits. */
function prepare(n: number, seed: number): { count: number; avgBytes: number; encodedBytes: number } {
  const rnd = rng(seed);
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const text = doc.getText('narrative');
  const brief = doc.getMap('brief');
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.7) {
      if (rnd() < 0.05) cursor = Math.floor(rnd() * (text.length + 1));
      text.insert(Math.min(cursor, text.length), String.fromCharCode(97 + Math.floor(rnd() * 26)));
      cursor += 1;
    } else if (r < 0.8 && text.length > 0) {
      cursor = Math.max(0, Math.min(cursor, text.length) - 1);
      text.delete(cursor, 1);
    } else {
      brief.set(`field${Math.floor(rnd() * 12)}`, `value ${i}`);
    }
  }
  source = doc;
  updates = out;
  const total = out.reduce((sum, u) => sum + u.byteLength, 0);
  return { count: out.length, avgBytes: total / out.length, encodedBytes: Y.encodeStateAsUpdate(doc).byteLength };
}

function verify(doc: Y.Doc, what: string): void {
  if (!source) throw new Error('prepare() first');
  const same =
    doc.getText('narrative').toString() === source.getText('narrative').toString() &&
    JSON.stringify(doc.getMap('brief').toJSON()) === JSON.stringify(source.getMap('brief').toJSON());
  if (!same) throw new Error(`${what}: loaded content differs from what was written`);
}

/** Yields to the event loop without setTimeout's 4 ms clamp. */
const yieldTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

/** Applies the updates in chunks of `chunk` (Infinity = one synchronous burst). */
async function feed(doc: Y.Doc, chunk: number): Promise<void> {
  for (let i = 0; i < updates.length; i++) {
    Y.applyUpdate(doc, updates[i] as Uint8Array);
    if ((i + 1) % chunk === 0) await yieldTask();
  }
}

/** The cost both sides pay before storage does anything: applying the updates to a bare doc. */
async function feedOnly(chunk: number): Promise<number> {
  const doc = new Y.Doc();
  doc.on('update', () => undefined); // both providers listen; keep the encoding work the same
  const t0 = performance.now();
  await feed(doc, chunk);
  return performance.now() - t0;
}

const whenSaved = (p: DocPersistence) =>
  new Promise<void>((resolve) => {
    if (p.status().state === 'saved') return resolve();
    const off = p.onStatus((s) => {
      if (s.state === 'saved') {
        off();
        resolve();
      }
    });
  });

/**
 * Ours, "write": from applying the first update until the status says saved, which our
 * persistence reports only after the IndexedDB transaction holding the last update fired
 * `complete`. Default options (batchMs 60, compaction past 500 rows) — batching delay included.
 */
async function writeOurs(name: string, chunk: number): Promise<number> {
  const db = new LockstepDB(name);
  await db.open();
  const doc = new Y.Doc();
  const p = persistDoc(db, DOC_ID, doc);
  await p.whenLoaded;
  const t0 = performance.now();
  await feed(doc, chunk);
  if (p.status().state !== 'saved') await whenSaved(p);
  const ms = performance.now() - t0;
  await p.destroy();
  db.close();
  await checkOurs(name);
  return ms;
}

async function checkOurs(name: string): Promise<void> {
  const db = new LockstepDB(name);
  const doc = new Y.Doc();
  const p = persistDoc(db, DOC_ID, doc, { compactOnOpen: false });
  await p.whenLoaded;
  verify(doc, 'ours');
  await p.destroy();
  db.close();
}

/** A readwrite transaction on `store` with no requests; resolves on its complete event. */
function barrier(db: IDBDatabase, store: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([store], 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Anchor, "write": y-indexeddb opens one readwrite transaction per update and has no saved
 * signal. IndexedDB runs readwrite transactions over the same store in creation order, so an
 * empty readwrite transaction on its `updates` store, created right after the last update,
 * completes only once every earlier update transaction has committed: that is the end mark.
 * Its debounced trim (1 s after 500 rows) is not waited for — in its favour.
 */
async function writeAnchor(name: string, chunk: number): Promise<number> {
  const doc = new Y.Doc();
  const provider = new IndexeddbPersistence(name, doc);
  await provider.whenSynced;
  const t0 = performance.now();
  await feed(doc, chunk);
  const db = provider.db;
  if (!db) throw new Error('y-indexeddb has no open database');
  await barrier(db, 'updates');
  const ms = performance.now() - t0;
  await provider.destroy();
  const check = new Y.Doc();
  const reader = new IndexeddbPersistence(name, check);
  await reader.whenSynced;
  verify(check, 'y-indexeddb');
  await reader.destroy();
  return ms;
}

function rawOpen(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function rawPutAll(db: IDBDatabase, store: string, rows: { key?: IDBValidKey; value: unknown }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([store], 'readwrite');
    const os = tx.objectStore(store);
    for (const row of rows) {
      if (row.key === undefined) os.add(row.value);
      else os.add(row.value, row.key);
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

/**
 * "Load": both databases hold the same updates as separate rows (written directly, not
 * compacted). Timed from constructing the database/provider (opening IndexedDB included)
 * until the doc holds every update: our `whenLoaded`, y-indexeddb's `whenSynced`.
 */
async function loadOurs(name: string): Promise<{ ms: number; bytesPerDocByte: number; rowsAfter: number }> {
  const seedDb = new LockstepDB(name);
  await seedDb.open();
  // As persistDoc stores them: the bytes under the plan's number and seq.
  await seedDb.transaction('rw', seedDb.docNumbers, seedDb.docUpdates, async () => {
    const no = await docNumber(seedDb, DOC_ID);
    await seedDb.docUpdates.bulkAdd(updates, updates.map((_, seq) => rowKey(no, seq)));
  });
  seedDb.close();

  const t0 = performance.now();
  const db = new LockstepDB(name);
  const doc = new Y.Doc();
  const p = persistDoc(db, DOC_ID, doc);
  const report = await p.whenLoaded;
  const ms = performance.now() - t0;
  if (report.updatesApplied !== updates.length) throw new Error(`ours applied ${report.updatesApplied} of ${updates.length}`);
  verify(doc, 'ours load');

  await p.flush(); // queued behind the compaction that loading scheduled
  const bytes = await planStorageBytes(db, DOC_ID);
  if (!bytes.ok) throw new Error(bytes.error.message);
  const encoded = Y.encodeStateAsUpdate(doc).byteLength;
  await p.destroy();
  db.close();
  return { ms, bytesPerDocByte: bytes.value.updates / encoded, rowsAfter: bytes.value.updateRows };
}

async function loadAnchor(name: string): Promise<number> {
  // Let y-indexeddb create its own schema, then add the rows the way it stores them.
  const init = new IndexeddbPersistence(name, new Y.Doc());
  await init.whenSynced;
  await init.destroy();
  const raw = await rawOpen(name);
  await rawPutAll(raw, 'updates', updates.map((value) => ({ value })));
  raw.close();

  const t0 = performance.now();
  const doc = new Y.Doc();
  const provider = new IndexeddbPersistence(name, doc);
  await provider.whenSynced;
  const ms = performance.now() - t0;
  verify(doc, 'y-indexeddb load');
  await provider.destroy();
  return ms;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

const api = { prepare, feedOnly, writeOurs, writeAnchor, loadOurs, loadAnchor, deleteDatabase };
export type StorageBenchApi = typeof api;
(globalThis as unknown as { lockstepStorageBench: StorageBenchApi }).lockstepStorageBench = api;

