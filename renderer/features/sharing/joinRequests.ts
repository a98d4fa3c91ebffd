/**
 * "Open the join dialog (with this invite)": asked for by the library button, deep links and
 * the browser-participant URL; answered by the one JoinController mounted in the app.
 */
export interface JoinRequest {
  text: string;
  /** Start joining at once (deep link, browser link) instead of waiting for the user. */
  auto: boolean;
}

const listeners = new Set<(request: JoinRequest) => void>();
let pending: JoinRequest | null = null;

export function requestJoin(request: JoinRequest): void {
  if (listeners.size === 0) {
    pending = request;
    return;
  }
  for (const l of [...listeners]) l(request);
}

export function onJoinRequest(listener: (request: JoinRequest) => void): () => void {
  listeners.add(listener);
  if (pending !== null) {
    const request = pending;
    pending = null;
    listener(request);
  }
  return () => listeners.delete(listener);
}

/** The invite in a browser participant's URL (`http://HOST:PORT/#join=…`), if any. */
export function inviteInLocation(location: { hash: string; href: string }): string | null {
  return location.hash.startsWith('#join=') ? location.href : null;
}
