import * as Y from 'yjs';
import { afterEach, expect } from 'vitest';
import { LockstepDB } from '../../renderer/storage/db';
import { persistDoc } from '../../renderer/storage/docPersistence';
import { docNumber, findDocNumber, rowKey, seqRange } from '../../renderer/storage/docUpdates';

let counter = 0;
/** A fresh database per test; fake-indexeddb is shared by the whole file. */
export function freshDB(prefix = 'test'): LockstepDB {
  counter += 1;
  return new LockstepDB(`${prefix}-${counter}-${Math.random().toString(36).slice(2)}`);
}

/** Fresh databases for each test of a file, closed and deleted after every test. */
export function useFreshDBs(prefix: string): () => LockstepDB {
  const opened: LockstepDB[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) {
      d.close();
      await d.delete();
    }
  });
  return () => {
    const d = freshDB(prefix);
    opened.push(d);
    return d;
  };
}

/** mulberry32: small, seeded, good enough for test schedules. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The plan-like shape used across storage tests: named types, compared explicitly. */
export function snapshotOf(doc: Y.Doc) {
  return {
    brief: doc.getMap('brief').toJSON(),
    narrative: doc.getText('narrative').toString(),
    milestones: doc.getArray('milestones').toJSON(),
  };
}

export function expectSameContent(actual: Y.Doc, expected: Y.Doc): void {
  expect(snapshotOf(actual)).toEqual(snapshotOf(expected));
  expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
}

/** One random edit on the plan-like shape. */
export function randomEdit(doc: Y.Doc, rnd: () => number, i: number): void {
  const pick = rnd();
  if (pick < 0.4) {
    const text = doc.getText('narrative');
    text.insert(Math.floor(rnd() * (text.length + 1)), String.fromCharCode(97 + (i % 26)));
  } else if (pick < 0.55) {
    const text = doc.getText('narrative');
    if (text.length > 0) text.delete(Math.floor(rnd() * text.length), 1);
  } else if (pick < 0.85) {
    doc.getMap('brief').set(`field${Math.floor(rnd() * 20)}`, i);
  } else {
    doc.getArray('milestones').push([{ n: i }]);
  }
}

export type TxLogEntry = { kind: 'begin' | 'complete' | 'abort'; id: number; stores: string[]; mode: string } | { kind: 'status'; state: string };

/**
 * Records every IndexedDB transaction independently of Dexie by wrapping
 * IDBDatabase#transaction, so "saved" can be checked against the real complete event.
 */
export function instrumentTransactions(): { log: TxLogEntry[]; restore: () => void } {
  const proto = globalThis.IDBDatabase.prototype;
  const original = proto.transaction;
  const log: TxLogEntry[] = [];
  let next = 0;
  proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = original.apply(this, args);
    const id = ++next;
    const stores = Array.from(tx.objectStoreNames);
    const mode = tx.mode;
    log.push({ kind: 'begin', id, stores, mode });
    // Added before Dexie assigns oncomplete, so this runs first.
    tx.addEventListener('complete', () => log.push({ kind: 'complete', id, stores, mode }));
    tx.addEventListener('abort', () => log.push({ kind: 'abort', id, stores, mode }));
    return tx;
  } as IDBDatabase['transaction'];
  return { log, restore: () => void (proto.transaction = original) };
}

export const isUpdatesWrite = (e: TxLogEntry): boolean =>
  e.kind !== 'status' && e.mode === 'readwrite' && e.stores.includes('docUpdates');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when `check` holds, polling; fails the test after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached in time');
    await sleep(5);
  }
}

/** Opens a fresh Y.Doc from the database and returns it once loaded (then detaches). */
export async function reload(db: LockstepDB, docId: string) {
  const doc = new Y.Doc();
  const p = persistDoc(db, docId, doc, { compactOnOpen: false });
  const report = await p.whenLoaded;
  await p.destroy();
  return { doc, report };
}

/** Every stored update row (of one doc, or of all), with its key: what "unchanged on disk" compares. */
export async function storedRows(db: LockstepDB, docId?: string): Promise<{ key: unknown; value: unknown }[]> {
  return db.transaction('r', db.docNumbers, db.docUpdates, async () => {
    const no = docId === undefined ? null : await findDocNumber(db, docId);
    if (docId !== undefined && no === null) return [];
    const range = () => (no === null ? db.docUpdates.toCollection() : seqRange(db, no));
    const [keys, values] = await Promise.all([range().primaryKeys(), range().toArray()]);
    return values.map((value: unknown, i) => ({ key: keys[i], value }));
  });
}

/** How many update rows the doc has on disk. */
export async function rowCount(db: LockstepDB, docId: string): Promise<number> {
  return (await storedRows(db, docId)).length;
}

/** Stores `update` as the doc's row `seq`, as the persistence would (anything, to test bad data). */
export async function putRow(db: LockstepDB, docId: string, seq: number, update: unknown): Promise<void> {
  await db.transaction('rw', db.docNumbers, db.docUpdates, async () => {
    await db.docUpdates.put(update as Uint8Array, rowKey(await docNumber(db, docId), seq));
  });
}
