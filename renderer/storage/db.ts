import Dexie, { type Table, type Transaction } from 'dexie';
import type { Result } from '../../shared/result';
import { newerSchemaProblem, storageProblemFrom } from './errors';
import { docNumber, MAX_SEQ, rememberDocNumbers, rowKey } from './docUpdates';
import { asBytes } from './updateBytes';

/** The plan kinds a library row can have. The domain layer owns their meaning. */
export type PlanKind = 'launch' | 'campaign' | 'offer-change';

/**
 * One row of the plan library. Plain data: the domain layer decides what a stage is; storage
 * only keeps it. `pinned`/`archived` are 0/1 because IndexedDB cannot index booleans.
 */
export interface PlanRow {
  id: string;
  title: string;
  kind: PlanKind;
  stage: string;
  updatedAt: number;
  createdAt: number;
  pinned: 0 | 1;
  archived: 0 | 1;
  deletedAt: number | null;
  role?: string;
  /** Opaque to storage: the sync layer keeps the room secret and signaling URLs here. */
  share?: unknown;
}

/**
 * The number a doc's update rows are keyed by (see docUpdates.ts). Given once, never changed,
 * deleted or reused: a writer that knows a number can rely on it for good.
 */
export interface DocNumberRow {
  docId: string;
  no: number;
}

/** A schema-1 row (`updates` table), kept only so the v2 migration can read it. */
interface LegacyUpdateRow {
  docId: string;
  seq: unknown;
  update: unknown;
}

export interface SnapshotRow {
  id?: number;
  docId: string;
  createdAt: number;
  name: string;
  state: Uint8Array;
}

export interface KvRow {
  key: string;
  value: unknown;
}

/**
 * A row storage could not read, moved aside instead of deleted so a later version (or a
 * person) can still recover it. `key` is the row's original primary key.
 */
export interface QuarantineRow {
  id?: number;
  docId: string;
  /** `updates` for rows set aside by schema 1 or by the v2 migration, `docUpdates` since. */
  table: 'updates' | 'docUpdates';
  key: unknown;
  value: unknown;
  reason: string;
  quarantinedAt: number;
}

/** Highest schema version this build knows. Dexie stores it ×10 as the native IDB version. */
export const SCHEMA_VERSION = 2;
const NATIVE_SCHEMA_VERSION = SCHEMA_VERSION * 10;

/**
 * A data migration to schema version `n`. Runs after the database opened, in one rw
 * transaction together with the "migrated up to" marker, so it either fully happens or not
 * at all and is retried on the next open. It must be idempotent and await only Dexie
 * promises (anything else commits the transaction early).
 */
export type Migration = (tx: Transaction) => Promise<void>;

/** Rows copied per step of the v2 migration: bounds the memory a large library needs. */
const MIGRATION_CHUNK = 500;

/**
 * v2: every update row moves from `updates` ({docId, seq, update} objects under the compound
 * key [docId, seq]) to `docUpdates` (the update's bytes under one number, see docUpdates.ts).
 * Loading a plan then reads bare bytes under short keys instead of 10,000 objects each
 * carrying the plan id. A value that is not bytes is copied as the whole old row, so loading
 * sets it aside as before; a row whose seq Lockstep never writes (not a whole number from 0)
 * goes straight to `quarantine`. Nothing is lost, and all of it happens in the migration's one
 * transaction: rerun from the start if it dies.
 */
async function moveUpdatesToDocUpdates(tx: Transaction): Promise<void> {
  const db = tx.db as LockstepDB;
  const legacy = tx.table<LegacyUpdateRow, unknown>('updates');
  const numbers = new Map<string, number>();
  const keys = await legacy.toCollection().primaryKeys();
  for (let start = 0; start < keys.length; start += MIGRATION_CHUNK) {
    const rows = await legacy.bulkGet(keys.slice(start, start + MIGRATION_CHUNK));
    const values: unknown[] = [];
    const rowKeys: number[] = [];
    for (const row of rows) {
      if (row === undefined) continue;
      const { docId, seq } = row;
      if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > MAX_SEQ) {
        await db.quarantine.add({ docId, table: 'updates', key: [docId, seq], value: row, reason: 'foreign-key', quarantinedAt: Date.now() });
        continue;
      }
      let no = numbers.get(docId);
      if (no === undefined) numbers.set(docId, (no = await docNumber(db, docId)));
      values.push(asBytes(row.update) ?? row);
      rowKeys.push(rowKey(no, seq));
    }
    await db.docUpdates.bulkPut(values as Uint8Array[], rowKeys);
  }
  await legacy.clear();
}

/** Data migrations of this build, by the version they migrate to. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 2: moveUpdatesToDocUpdates };

export const MIGRATED_KEY = 'schema.migrated';

export interface LockstepDBOptions {
  /** Tests inject migrations; the app uses MIGRATIONS. */
  migrations?: Readonly<Record<number, Migration>>;
}

export class LockstepDB extends Dexie {
  plans!: Table<PlanRow, string>;
  /** Values are a Yjs update's bytes as written; anything else on disk is set aside on load. */
  docUpdates!: Table<Uint8Array, number>;
  docNumbers!: Table<DocNumberRow, string>;
  /**
   * Doc numbers as read when the database opened (docUpdates.ts): a number never changes once
   * given, so a hit is always right and saves a plan's load one round trip; a miss (a doc
   * numbered since, by this window or another) is read from disk.
   */
  readonly openedDocNumbers = new Map<string, number>();
  snapshots!: Table<SnapshotRow, number>;
  kv!: Table<KvRow, string>;
  quarantine!: Table<QuarantineRow, number>;

  constructor(name = 'lockstep', options: LockstepDBOptions = {}) {
    const factory = guardedFactory();
    super(name, factory ? { indexedDB: factory } : {});
    const migrations = options.migrations ?? MIGRATIONS;
    // Every version stays declared forever: a user may skip releases and Dexie needs the
    // whole chain. `stores()` only changes structure (tables, indexes); data changes go in
    // MIGRATIONS, not in `.upgrade()`: an upgrade interrupted by a killed process can leave
    // the new version number with the old data (dexie issue 1175), while a migration and its
    // marker commit together in an ordinary transaction after open.
    this.version(1).stores({
      plans: 'id, updatedAt, pinned, archived, deletedAt, kind',
      updates: '[docId+seq]',
      snapshots: '++id, docId, createdAt',
      kv: 'key',
      quarantine: '++id, docId',
    });
    // Out-of-line number keys (''): the value is the bare update. `updates` stays declared (and
    // empty once migrated) because its rows are moved by MIGRATIONS[2] after open; dropping it
    // here would delete them in the version change, before they could be copied. A later
    // version may drop it with `updates: null`.
    this.version(2).stores({ docUpdates: '', docNumbers: 'docId, &no' });
    // How to add v3: bump SCHEMA_VERSION, keep the versions above untouched, then
    //
    //   this.version(3).stores({ plans: 'id, updatedAt, pinned, archived, deletedAt, kind, stage' });
    //
    // (only tables whose indexes change are repeated) and, if rows must change, add to MIGRATIONS
    //
    //   3: async (tx) => { await tx.table('plans').toCollection().modify((row) => { row.stage ??= 'draft'; }); },

    // A new database starts fully migrated.
    this.on('populate', (tx) => {
      void tx.table('kv').add({ key: MIGRATED_KEY, value: SCHEMA_VERSION });
    });

    this.on('ready', async (vip) => {
      const db = vip as LockstepDB;
      // Dexie 4 silently opens a database created by a newer build (it adapts to the installed
      // version). A newer build may have changed what rows mean, so refuse instead of guessing.
      const installed = db.backendDB().version;
      if (installed > NATIVE_SCHEMA_VERSION) throw new NewerSchemaError(installed / 10);
      rememberDocNumbers(db, await runPendingMigrations(db, migrations));
    }, true); // sticky: check again on every re-open, not only the first
  }
}

/** True when this build registers a data migration for any version up to SCHEMA_VERSION. */
export function hasMigrations(migrations: Readonly<Record<number, Migration>>): boolean {
  for (let version = 1; version <= SCHEMA_VERSION; version++) if (migrations[version]) return true;
  return false;
}

/** Runs what the data has not had yet; returns the doc numbers as they are afterwards. */
async function runPendingMigrations(db: LockstepDB, migrations: Readonly<Record<number, Migration>>): Promise<DocNumberRow[]> {
  // The marker and the doc numbers are read in one round trip to the browser's IndexedDB
  // process, before any plan can load. With no migration registered the marker is not read:
  // leaving an old or missing one as it is loses nothing, because the first build that
  // registers a migration reads it and runs every migration the data has not had yet.
  const check = hasMigrations(migrations);
  const [marker, numbers] = await db.transaction('r', db.kv, db.docNumbers, () =>
    Promise.all([check ? db.kv.get(MIGRATED_KEY) : undefined, db.docNumbers.toArray()]),
  );
  const done = typeof marker?.value === 'number' && Number.isFinite(marker.value) ? marker.value : 0;
  if (!check || done >= SCHEMA_VERSION) return numbers;
  await db.transaction('rw', db.tables, async (tx) => {
    for (let version = done + 1; version <= SCHEMA_VERSION; version++) {
      const migrate = migrations[version];
      if (migrate) await migrate(tx);
    }
    await db.kv.put({ key: MIGRATED_KEY, value: SCHEMA_VERSION });
  });
  return db.docNumbers.toArray();
}

/** Raised (and turned into a plain message) when the database was written by a newer build. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
  constructor(readonly installedVersion: number) {
    super(`The database has schema version ${installedVersion}; this build knows up to ${SCHEMA_VERSION}.`);
  }
}

/**
 * Dexie 4 answers a VersionError (database newer than our schema) by re-opening without a
 * version, and may then "patch" the newer schema in place. This factory turns that
 * version-less re-open back into a versioned one, so the VersionError reaches us untouched.
 * Native IDBFactory methods check their receiver, hence explicit binding, not a prototype.
 */
function guardedFactory(): IDBFactory | null {
  const real: IDBFactory | undefined = globalThis.indexedDB;
  if (!real) return null;
  return {
    open: (name: string, version?: number) => real.open(name, version ?? NATIVE_SCHEMA_VERSION),
    deleteDatabase: (name: string) => real.deleteDatabase(name),
    cmp: (a: unknown, b: unknown) => real.cmp(a, b),
    databases: () => real.databases(),
  };
}

const opened = new Map<string, Promise<Result<LockstepDB>>>();

/**
 * Opens (once per name) the app database. Never deletes or resets anything: if the database
 * cannot be opened the caller gets a plain-words problem and the data stays on disk
 * (unlike the Chromium behaviour behind electron issue 41877, where a full disk led to a reset).
 */
export function openLockstepDB(name = 'lockstep'): Promise<Result<LockstepDB>> {
  const existing = opened.get(name);
  if (existing) return existing;
  const attempt = openGuarded(name).then((result) => {
    // A failed open is not cached so the app can offer "try again" after the user acts.
    if (!result.ok) opened.delete(name);
    return result;
  });
  opened.set(name, attempt);
  return attempt;
}

/** Forgets a cached singleton, e.g. after a test deletes the database. */
export function forgetLockstepDB(name = 'lockstep'): void {
  opened.delete(name);
}

async function openGuarded(name: string): Promise<Result<LockstepDB>> {
  // Check the installed version before Dexie touches the database: Dexie 4 would otherwise
  // open it and may even add missing stores to a newer schema ("schema patch" mode).
  const installed = await installedNativeVersion(name);
  if (installed !== null && installed > NATIVE_SCHEMA_VERSION) {
    return { ok: false, error: newerSchemaProblem(installed / 10) };
  }
  const db = new LockstepDB(name);
  try {
    await db.open();
    return { ok: true, value: db };
  } catch (error) {
    db.close();
    return { ok: false, error: storageProblemFrom(error) };
  }
}

async function installedNativeVersion(name: string): Promise<number | null> {
  const factory: IDBFactory | undefined = globalThis.indexedDB;
  if (!factory || typeof factory.databases !== 'function') return null;
  try {
    const all = await factory.databases();
    const found = all.find((info) => info.name === name);
    return found?.version ?? null;
  } catch {
    // databases() is advisory; the 'ready' check on LockstepDB still guards the open.
    return null;
  }
}

