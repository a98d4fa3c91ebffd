/**
 * Where the app's own pages live. The renderer is served from `app://lockstep/` rather than
 * file:// so it gets a real origin (storage, CSP, permission checks) and no file-system reach.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lockstep';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The OS-level deep-link scheme (`lockstep://join/...`). */
export const DEEP_LINK_SCHEME = 'lockstep';
export const PLAN_FILE_EXTENSION = '.lockstep';

/**
 * True when `url` is a page of the app itself. Node's URL gives non-special schemes an
 * opaque origin ('null'), so protocol and host are compared instead of `origin`.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
