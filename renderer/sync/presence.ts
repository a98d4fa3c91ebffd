/**
 * Presence: who is here, in which section, whom they follow. Carried in y-protocols
 * awareness states, which any peer can set to anything, so every read is validated and
 * malformed states are skipped rather than trusted. The `user` field ({ name, color }) is
 * also what TipTap's collaboration caret reads for live cursors.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';

export const presenceUserSchema = z.object({
  name: z.string().trim().min(1).max(80),
  role: z.string().max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

export const presenceSchema = z.object({
  user: presenceUserSchema,
  section: z.string().max(200).optional(),
  followId: z.number().int().nonnegative().optional(),
  // Written by TipTap's collaboration caret (relative positions); opaque to us.
  cursor: z.unknown().optional(),
});

export type PresenceUser = z.infer<typeof presenceUserSchema>;
export type Presence = z.infer<typeof presenceSchema>;

export interface PeerPresence extends Presence {
  clientId: number;
}

/** Every other participant with a well-formed presence, ordered by name then client id. */
export function readPeers(awareness: Awareness): PeerPresence[] {
  const peers: PeerPresence[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const parsed = presenceSchema.safeParse(state);
    if (!parsed.success) continue;
    peers.push({ ...parsed.data, clientId });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/** Our own presence, or null while it is unset or invalid. */
export function readLocalPresence(awareness: Awareness): Presence | null {
  const parsed = presenceSchema.safeParse(awareness.getLocalState());
  return parsed.success ? parsed.data : null;
}

/**
 * Sets or updates our presence. `patch.user` must be complete the first time; later calls
 * may change only `section`, `followId` or part of `user`. Fields set to undefined are
 * removed. Returns false (and changes nothing) when the result would be invalid.
 */
export function setLocalPresence(
  awareness: Awareness,
  patch: { user?: Partial<PresenceUser>; section?: string | undefined; followId?: number | undefined },
): boolean {
  const current = (awareness.getLocalState() ?? {}) as Record<string, unknown>;
  const currentUser = typeof current['user'] === 'object' && current['user'] !== null ? (current['user'] as Record<string, unknown>) : {};
  const next: Record<string, unknown> = { ...current, user: { ...currentUser, ...patch.user } };
  for (const key of ['section', 'followId'] as const) {
    if (key in patch) {
      if (patch[key] === undefined) delete next[key];
      else next[key] = patch[key];
    }
  }
  if (!presenceSchema.safeParse(next).success) return false;
  awareness.setLocalState(next);
  return true;
}

/** Leaves: tells peers right away instead of letting them time out after 30 s. */
export function clearLocalPresence(awareness: Awareness): void {
  awarenessProtocol.removeAwarenessStates(awareness, [awareness.clientID], 'local-leave');
}
