/** Errors cross process and module boundaries as values, never as thrown exceptions. */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export interface AppError {
  /** Stable machine-readable code, e.g. `file/too-large`. */
  code: string;
  /** Plain-words message for people, already in English; the UI may translate by code. */
  message: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });
