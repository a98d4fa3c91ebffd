import type { AppError } from '../../shared/result';

/** Stable codes the UI may translate; messages are plain English fallbacks. */
export type StorageErrorCode =
  | 'storage/quota'
  | 'storage/newer-version'
  | 'storage/unavailable'
  | 'storage/write-failed'
  | 'storage/read-failed'
  | 'storage/invalid'
  | 'storage/not-found';

export interface StorageProblem extends AppError {
  code: StorageErrorCode;
}

export const problem = (code: StorageErrorCode, message: string): StorageProblem => ({ code, message });

export function newerSchemaProblem(installedVersion?: number): StorageProblem {
  const which = installedVersion !== undefined && Number.isFinite(installedVersion)
    ? ` (storage version ${installedVersion})`
    : '';
  return problem(
    'storage/newer-version',
    `Your plans were saved by a newer version of Lockstep${which}. ` +
      'Update Lockstep to open them. Nothing was changed or deleted.',
  );
}

export const QUOTA_MESSAGE =
  'Your disk is full — changes are kept in memory and will be saved when space frees up.';

/**
 * IndexedDB and Dexie wrap the real cause (a transaction abort carries the QuotaExceededError
 * as `inner`, Chromium sometimes as `cause`): walk the chain and collect every name.
 */
export function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const record = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof record.name === 'string') names.push(record.name);
    current = record.inner ?? record.cause;
  }
  return names;
}

export const isQuotaError = (error: unknown): boolean => errorNames(error).includes('QuotaExceededError');

/** Maps anything IndexedDB/Dexie throws to a problem a person can act on. */
export function storageProblemFrom(error: unknown, during: 'write' | 'read' | 'open' = 'open'): StorageProblem {
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return problem('storage/quota', QUOTA_MESSAGE);
  if (names.includes('NewerSchemaError') || names.includes('VersionError')) {
    const installed = (error as { installedVersion?: unknown }).installedVersion;
    return newerSchemaProblem(typeof installed === 'number' ? installed : undefined);
  }
  if (names.some((n) => n === 'MissingAPIError' || n === 'InvalidStateError' || n === 'SecurityError')) {
    return problem(
      'storage/unavailable',
      'Lockstep cannot reach its local storage (private mode or a locked profile?). ' +
        'Changes stay in memory until it can.',
    );
  }
  if (during === 'write') {
    return problem(
      'storage/write-failed',
      'Lockstep could not save your latest changes. They are kept in memory and saving is retried.',
    );
  }
  if (during === 'read') {
    return problem('storage/read-failed', 'Lockstep could not read this plan from disk. Nothing was deleted.');
  }
  return problem('storage/unavailable', 'Lockstep could not open its local storage. Nothing was deleted.');
}
