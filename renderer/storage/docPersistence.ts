import Dexie, { type PromiseExtended } from 'dexie';
import * as Y from 'yjs';
import type { LockstepDB, QuarantineRow } from './db';
import { checkSeq, docNumber, lastSeq, MAX_SEQ, rowKey, seqOfKey, seqRange } from './docUpdates';
import { storageProblemFrom, type StorageProblem } from './errors';
import { readDocRows } from './readDocRows';
import { asBytes, isPlausibleUpdate, readableUpdate } from './updateBytes';

export type SaveState = 'saved' | 'saving' | 'error';

export interface SaveStatus {
  state: SaveState;
  /** When the last batch was committed (ms since epoch), null if nothing was saved yet. */
  savedAt: number | null;
  /** Updates held in memory that are not yet in a committed IndexedDB transaction. */
  pending: number;
  error?: StorageProblem;
}

export type SkipReason = 'not-bytes' | 'unreadable-update';

export interface SkippedRow {
  /** Which row: [docId, seq]. */
  key: unknown;
  reason: SkipReason;
  /** True when the row was moved to the `quarantine` table; false if it is still in place. */
  quarantined: boolean;
}

export interface LoadReport {
  /** False when the stored updates could not be read at all (see `error`). */
  ok: boolean;
  docId: string;
  rowsRead: number;
  updatesApplied: number;
  skipped: SkippedRow[];
  error: StorageProblem | null;
  /** One plain-words sentence for the UI, or null when everything loaded. */
  message: string | null;
}

export interface DocPersistence {
  readonly docId: string;
  /** Stored updates applied into the doc in one transaction whose origin is this object. */
  whenLoaded: Promise<LoadReport>;
  status(): SaveStatus;
  /** Called on state transitions (saved/saving/error) and when a save completes. */
  onStatus(listener: (s: SaveStatus) => void): () => void;
  /** Resolves once the IndexedDB transaction holding every pending update has completed. */
  flush(): Promise<void>;
  compact(): Promise<void>;
  /** Rows found unreadable so far, at load and during later compactions. */
  skipped(): readonly SkippedRow[];
  /** Flushes first. If that fails, saving keeps retrying in the background and this rejects. */
  destroy(): Promise<void>;
}

export interface PersistOptions {
  /** Quiet period that collects updates into one transaction. */
  batchMs?: number;
  /** Once stored + pending rows exceed this, the next write compacts instead of appending. */
  compactAfterRows?: number;
  /** Compact right after loading when the doc has more than one row. */
  compactOnOpen?: boolean;
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => number;
}

const DEFAULTS = {
  batchMs: 60,
  compactAfterRows: 500,
  compactOnOpen: true,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
} as const;

type Timer = ReturnType<typeof setTimeout>;

const live = new Set<DocPersister>();

export function persistDoc(db: LockstepDB, docId: string, doc: Y.Doc, opts: PersistOptions = {}): DocPersistence {
  return new DocPersister(db, docId, doc, opts);
}

/** Flushes every live persistence; resolves when each has committed or failed. */
export async function flushAllDocs(): Promise<void> {
  await Promise.allSettled([...live].map((p) => p.flush()));
}

/**
 * For the composition root: flush on `pagehide` and when the page becomes hidden, the last
 * moments a renderer reliably gets before it is frozen or closed. Returns an uninstaller.
 */
export function installLifecycleFlush(win: Window = window): () => void {
  const onHide = (): void => {
    void flushAllDocs();
  };
  const onVisibility = (): void => {
    if (win.document.visibilityState === 'hidden') onHide();
  };
  win.addEventListener('pagehide', onHide);
  win.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onHide);
    win.document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Plain words for a load report, e.g. for a banner above the plan. */
export function describeLoadReport(report: LoadReport): string | null {
  if (!report.ok) return report.error?.message ?? 'Lockstep could not read this plan from disk. Nothing was deleted.';
  const n = report.skipped.length;
  if (n === 0) return null;
  const what = n === 1 ? 'One saved change' : `${n} saved changes`;
  const kept = report.skipped.every((s) => s.quarantined) ? 'set aside' : 'left in place';
  return `${what} in this plan could not be read and ${n === 1 ? 'was' : 'were'} ${kept}. ` +
    'The rest of the plan opened normally. Nothing was deleted.';
}

class DocPersister implements DocPersistence {
  readonly whenLoaded: Promise<LoadReport>;
  private readonly opts: Required<PersistOptions>;
  private pending: Uint8Array[] = [];
  /**
   * Every row at or below this seq is in the doc, so a compaction may delete it without
   * reading it; null when that is not known for any row (see `load`). Rows above it are
   * read by a compaction unless this object wrote them (`ownSeqs`).
   */
  private knownUpTo: number | null = null;
  private ownSeqs = new Set<number>();
  /** The doc's key number (docUpdates.ts), once read or given out in a committed transaction. */
  private no: number | null = null;
  private storedRows = 0;
  private maxSeq = -1;
  private queue: Promise<unknown> = Promise.resolve();
  private batchTimer: Timer | null = null;
  private retryTimer: Timer | null = null;
  private retryAttempt = 0;
  private lastError: StorageProblem | null = null;
  private savedAt: number | null = null;
  private destroyed = false;
  private readonly listeners = new Set<(s: SaveStatus) => void>();
  private lastEmitted = '';
  private readonly skippedRows: SkippedRow[] = [];

  constructor(
    private readonly db: LockstepDB,
    readonly docId: string,
    private readonly doc: Y.Doc,
    opts: PersistOptions,
  ) {
    this.opts = {
      batchMs: opts.batchMs ?? DEFAULTS.batchMs,
      compactAfterRows: Math.max(2, opts.compactAfterRows ?? DEFAULTS.compactAfterRows),
      compactOnOpen: opts.compactOnOpen ?? DEFAULTS.compactOnOpen,
      retryBaseMs: opts.retryBaseMs ?? DEFAULTS.retryBaseMs,
      retryMaxMs: opts.retryMaxMs ?? DEFAULTS.retryMaxMs,
      now: opts.now ?? Date.now,
    };
    doc.on('update', this.onUpdate);
    doc.on('destroy', this.onDocDestroy);
    live.add(this);
    // Writes queue behind the load, so nothing is appended before we know the stored seqs.
    // Outside any caller's Dexie transaction: it may not cover `updates`/`quarantine`, and
    // the load (and the compaction it schedules) must not end up inside it.
    this.whenLoaded = this.exclusive(() => Dexie.ignoreTransaction(() => this.load()));
  }

  status(): SaveStatus {
    const pending = this.pending.length;
    if (pending > 0 && this.lastError) return { state: 'error', savedAt: this.savedAt, pending, error: this.lastError };
    return { state: pending > 0 ? 'saving' : 'saved', savedAt: this.savedAt, pending };
  }

  onStatus(listener: (s: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  skipped(): readonly SkippedRow[] {
    return this.skippedRows;
  }

  flush(): Promise<void> {
    this.clearBatchTimer();
    return this.write();
  }

  compact(): Promise<void> {
    this.clearBatchTimer();
    return this.exclusive(async () => {
      const covered = await this.compactNow();
      this.committed(covered);
    }).catch((error: unknown) => {
      throw this.failed(error);
    });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.doc.off('destroy', this.onDocDestroy);
    this.clearBatchTimer();
    try {
      await this.flush();
    } finally {
      // A failed final flush keeps its retry timer (and this object) alive until it succeeds.
      if (this.pending.length === 0) live.delete(this);
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return; // came from disk: already stored
    const wasEmpty = this.pending.length === 0;
    this.pending.push(update);
    if (this.batchTimer === null && this.retryTimer === null) {
      this.batchTimer = setTimeout(() => {
        this.batchTimer = null;
        this.write().catch(() => undefined); // surfaced through status; retried with backoff
      }, this.opts.batchMs);
    }
    if (wasEmpty) this.emit();
  };

  private readonly onDocDestroy = (): void => {
    void this.destroy().catch(() => undefined);
  };

  /** Runs storage operations one at a time, in call order, whatever the previous outcome. */
  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private write(): Promise<void> {
    return this.exclusive(async () => {
      if (this.pending.length === 0) return;
      // A long backlog is cheaper to store as one encoded state than as thousands of rows.
      const covered = this.storedRows + this.pending.length > this.opts.compactAfterRows
        ? await this.compactNow()
        : await this.appendPending();
      this.committed(covered);
    }).catch((error: unknown) => {
      throw this.failed(error);
    });
  }

  /** `covered` pending updates are inside a completed transaction: only now drop them. */
  private committed(covered: number): void {
    this.pending.splice(0, covered);
    this.lastError = null;
    this.retryAttempt = 0;
    if (covered > 0) this.savedAt = this.opts.now();
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.pending.length > 0 && this.batchTimer === null) {
      this.batchTimer = setTimeout(() => {
        this.batchTimer = null;
        this.write().catch(() => undefined);
      }, this.opts.batchMs);
    }
    if (this.pending.length === 0 && this.destroyed) live.delete(this);
    this.emit(covered > 0);
  }

  private failed(error: unknown): StorageProblem {
    const problem = storageProblemFrom(error, 'write');
    if (this.pending.length > 0) {
      this.lastError = problem;
      this.scheduleRetry();
    }
    this.emit(true);
    return problem;
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null) return;
    const delay = Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** this.retryAttempt);
    this.retryAttempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.write().catch(() => undefined);
    }, delay);
  }

  private clearBatchTimer(): void {
    if (this.batchTimer !== null) {
      clearTimeout(this.batchTimer);
      this.batchTimer = null;
    }
  }

  private emit(force = false): void {
    const s = this.status();
    const key = `${s.state}|${s.error?.code ?? ''}`;
    if (!force && key === this.lastEmitted) return;
    this.lastEmitted = key;
    for (const listener of this.listeners) listener(s);
  }

  private async load(): Promise<LoadReport> {
    const { db, docId } = this;
    const failed: Uint8Array[] = [];
    let applied = 0;
    let stored: Awaited<ReturnType<typeof readDocRows>>;
    try {
      stored = await readDocRows(db, docId, (values) => {
        applied += this.applyRows(values, failed);
      });
    } catch (error) {
      // Ranges applied before the failure stay in the doc: every row is still on disk, and
      // nothing counts as known (`knownUpTo` is null), so no compaction deletes an unread row.
      this.storedRows = applied;
      const problem = storageProblemFrom(error, 'read');
      const report: LoadReport = { ok: false, docId, rowsRead: 0, updatesApplied: applied, skipped: [], error: problem, message: null };
      report.message = describeLoadReport(report);
      return report;
    }

    this.no = stored.docNumber;
    this.storedRows = applied;
    this.maxSeq = stored.lastSeq ?? -1;
    const anyBad = applied < stored.rows;
    // Setting a row aside deletes it, after which another window may store a new row under a
    // seq this one read: so after any unreadable row nothing counts as known until the next
    // compaction has read (and set aside) everything itself.
    this.knownUpTo = anyBad ? null : stored.lastSeq;

    const skipped = anyBad && this.no !== null ? await this.setAsideUnreadable(this.no, failed) : [];
    this.skippedRows.push(...skipped);
    const report: LoadReport = { ok: true, docId, rowsRead: stored.rows, updatesApplied: applied, skipped, error: null, message: null };
    report.message = describeLoadReport(report);

    if (this.opts.compactOnOpen && this.storedRows > 1) {
      // Not awaited: the plan is usable now; compaction runs next in the queue.
      void this.exclusive(async () => this.committed(await this.compactNow())).catch(() => undefined);
    }
    return report;
  }

  /**
   * Applies stored values in one transaction whose origin is this object; returns how many
   * applied. The bytes of values Yjs refused are collected in `failed` (a header check cannot
   * tell those from good ones).
   *
   * Our 'update' listener is off meanwhile: with any listener attached Yjs encodes an update
   * event for everything applied — for a large plan a few hundred ms — and ours would ignore
   * it. The transaction is synchronous, so no local edit can slip through while it is off;
   * between two ranges the listener is on again.
   */
  private applyRows(values: unknown[], failed: Uint8Array[]): number {
    let applied = 0;
    this.doc.off('update', this.onUpdate);
    try {
      this.doc.transact(() => {
        for (const value of values) {
          const bytes = readableUpdate(value);
          if (!bytes) continue;
          try {
            Y.applyUpdate(this.doc, bytes, this);
            applied += 1;
          } catch {
            failed.push(bytes);
          }
        }
      }, this);
    } finally {
      if (!this.destroyed) this.doc.on('update', this.onUpdate);
    }
    return applied;
  }

  /**
   * The load reads values without keys, so the rows it could not apply are found again by
   * key: every value that is not a plausible update or equals bytes Yjs refused. Moved to
   * `quarantine` in one transaction; if that fails they stay in place and are still reported
   * (found in a read-only pass).
   */
  private async setAsideUnreadable(no: number, failed: Uint8Array[]): Promise<SkippedRow[]> {
    const { db } = this;
    try {
      return await db.transaction('rw', db.docUpdates, db.quarantine, async () => {
        const found = await this.findUnreadable(no, failed);
        for (const row of found) {
          await db.quarantine.add(this.quarantineRow(row.seq, row.value, row.reason));
          await db.docUpdates.delete(rowKey(no, row.seq));
        }
        return found.map((row) => this.skippedRow(row, true));
      });
    } catch {
      try {
        const found = await db.transaction('r', db.docUpdates, () => this.findUnreadable(no, failed));
        return found.map((row) => this.skippedRow(row, false));
      } catch {
        return [];
      }
    }
  }

  /** Inside the caller's transaction; a Dexie promise chain, for the reason in docUpdates.ts. */
  private findUnreadable(no: number, failed: Uint8Array[]): PromiseExtended<{ seq: number; value: unknown; reason: SkipReason }[]> {
    const { db } = this;
    return seqRange(db, no).primaryKeys().then((keys) => seqRange(db, no).toArray().then((values: unknown[]) => {
      const found: { seq: number; value: unknown; reason: SkipReason }[] = [];
      values.forEach((value, i) => {
        const bytes = asBytes(value);
        const reason = unreadableReason(value) ?? (bytes && failed.some((f) => sameBytes(f, bytes)) ? 'unreadable-update' : null);
        if (reason) found.push({ seq: seqOfKey(no, keys[i] as number), value, reason });
      });
      return found;
    }));
  }

  private skippedRow(row: { seq: number; reason: SkipReason }, quarantined: boolean): SkippedRow {
    return { key: [this.docId, row.seq], reason: row.reason, quarantined };
  }

  private quarantineRow(seq: number, value: unknown, reason: SkipReason): QuarantineRow {
    return { docId: this.docId, table: 'docUpdates', key: [this.docId, seq], value, reason, quarantinedAt: this.opts.now() };
  }

  /** Appends every pending update in one transaction; returns how many it covered. */
  private async appendPending(): Promise<number> {
    const { db, docId } = this;
    const batch = this.pending.slice();
    let firstSeq = 0;
    let no = this.no;
    await db.transaction('rw', db.docNumbers, db.docUpdates, async () => {
      no = this.no ?? (await docNumber(db, docId));
      // Read the last seq inside the write transaction: another window writing the same doc
      // is serialised by IndexedDB, so two writers can never pick the same seq.
      firstSeq = Math.max(await lastSeq(db, no), this.maxSeq) + 1;
      checkSeq(firstSeq + batch.length - 1);
      const base = rowKey(no, firstSeq);
      await db.docUpdates.bulkAdd(batch, batch.map((_, i) => base + i));
    });
    this.no = no;
    for (let i = 0; i < batch.length; i++) this.ownSeqs.add(firstSeq + i);
    this.maxSeq = firstSeq + batch.length - 1;
    this.storedRows += batch.length;
    return batch.length;
  }

  /**
   * Replaces every numeric row of this doc by one encoded state, in one rw transaction.
   * Never drops an update: rows this object has not seen (another window, a failed
   * quarantine) are applied to the doc first, unreadable ones are moved to `quarantine`, and
   * the state is encoded after that — so everything deleted is inside the row that replaces
   * it. Updates arriving while the transaction runs stay pending and get higher seqs later.
   * Returns how many pending updates the encoded state covers.
   */
  private async compactNow(): Promise<number> {
    const { db, docId } = this;
    let covered = 0;
    let newSeq = 0;
    const moved: SkippedRow[] = [];
    let no = this.no;
    await db.transaction('rw', db.docNumbers, db.docUpdates, db.quarantine, async () => {
      const n = this.no ?? (await docNumber(db, docId));
      no = n;
      // Keys above the known seqs first: usually every one is this object's own write, and
      // values are only read when not.
      const known = this.knownUpTo;
      const keys = (await (known === null ? seqRange(db, n) : seqRange(db, n, known, MAX_SEQ, false)).primaryKeys()) as number[];
      const seqs = keys.map((key) => seqOfKey(n, key));
      let maxSeq = this.maxSeq;
      for (const seq of seqs) maxSeq = Math.max(maxSeq, seq);
      const unseenSeqs = seqs.filter((seq) => !this.ownSeqs.has(seq));
      const unseen = unseenSeqs.length > 0 ? await db.docUpdates.bulkGet(unseenSeqs.map((seq) => rowKey(n, seq))) : [];
      const unreadable: { seq: number; value: unknown; reason: SkipReason }[] = [];
      if (unseen.length > 0) {
        // Outside Dexie's zone so doc observers that touch the database don't join this transaction.
        Dexie.ignoreTransaction(() => {
          this.doc.transact(() => {
            unseen.forEach((value: unknown, i) => {
              if (value === undefined) return;
              const bytes = readableUpdate(value);
              try {
                if (!bytes) throw new Error('unreadable');
                Y.applyUpdate(this.doc, bytes, this);
              } catch {
                unreadable.push({ seq: unseenSeqs[i] as number, value, reason: unreadableReason(value) ?? 'unreadable-update' });
              }
            });
          }, this);
        });
      }
      for (const row of unreadable) {
        await db.quarantine.add(this.quarantineRow(row.seq, row.value, row.reason));
        moved.push(this.skippedRow(row, true));
      }
      // No await between these two lines: every pending update is already in the doc, so the
      // state encoded here covers exactly the first `covered` pending entries.
      covered = this.pending.length;
      const state = Y.encodeStateAsUpdate(this.doc);
      newSeq = checkSeq(maxSeq + 1);
      if (maxSeq >= 0) await seqRange(db, n, 0, maxSeq).delete();
      await db.docUpdates.add(state, rowKey(n, newSeq));
    });
    this.no = no;
    this.knownUpTo = newSeq;
    this.ownSeqs = new Set();
    this.maxSeq = newSeq;
    this.storedRows = 1;
    this.skippedRows.push(...moved);
    return covered;
  }
}

/** Why a stored value cannot be applied, as far as can be told without Yjs; null when it may. */
function unreadableReason(value: unknown): SkipReason | null {
  const bytes = asBytes(value);
  if (!bytes) return 'not-bytes';
  return isPlausibleUpdate(bytes) ? null : 'unreadable-update';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
