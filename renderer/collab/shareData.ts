/**
 * Per-plan room data kept in the library row's opaque `share` field (docs/storage.md): the
 * plan's current secret and the signaling URLs its invite carried. The row is local only; the
 * document carries a copy of the secret too (docSecret.ts) so members follow a rotation.
 */
import { z } from 'zod';
import { base64UrlDecode, base64UrlEncode, SECRET_BYTES, validateSignalingUrl } from '../../shared/invite';
import { err, ok, type Result } from '../../shared/result';
import { getPlan, putPlanMeta, type LockstepDB } from '../storage';

export const shareDataSchema = z.object({
  v: z.literal(1),
  /** base64url of the 16-byte secret. */
  secret: z.string().min(16).max(64),
  /** Signaling URLs learned from the invite (joiners) or chosen when sharing. */
  signaling: z.array(z.string().max(512)).max(8),
  sharedAt: z.number().nonnegative(),
});
export type ShareData = z.infer<typeof shareDataSchema>;

/** A row's share field, or null when the plan is not shared (or the field is unreadable). */
export function readShare(raw: unknown): ShareData | null {
  const parsed = shareDataSchema.safeParse(raw);
  if (!parsed.success) return null;
  if (secretBytes(parsed.data) === null) return null;
  return { ...parsed.data, signaling: parsed.data.signaling.filter((u) => validateSignalingUrl(u).ok) };
}

export function secretBytes(share: Pick<ShareData, 'secret'>): Uint8Array | null {
  const bytes = base64UrlDecode(share.secret);
  return bytes !== null && bytes.length === SECRET_BYTES ? bytes : null;
}

export function makeShare(secret: Uint8Array, signaling: readonly string[], now: number): ShareData {
  return { v: 1, secret: base64UrlEncode(secret), signaling: [...new Set(signaling)].slice(0, 8), sharedAt: now };
}

export async function loadShare(db: LockstepDB, planId: string): Promise<Result<ShareData | null>> {
  const row = await getPlan(db, planId);
  if (!row.ok) return err(row.error.code, row.error.message);
  if (row.value === null || row.value.corrupt) return ok(null);
  return ok(readShare(row.value.share));
}

/**
 * Writes (or with null, clears) a plan's share field, keeping every other field of the row
 * as it is, including `updatedAt`: sharing is not an edit of the plan.
 */
export async function saveShare(db: LockstepDB, planId: string, share: ShareData | null): Promise<Result<void>> {
  const row = await getPlan(db, planId);
  if (!row.ok) return err(row.error.code, row.error.message);
  if (row.value === null) return err('share/no-plan', 'This plan is not in your library any more.');
  if (row.value.corrupt) return err('share/corrupt-row', "This plan's library entry is damaged, so its sharing could not be saved.");
  const { corrupt: _corrupt, ...fields } = row.value;
  // putPlanMeta keeps the previous share when given undefined, so "not shared" is stored as null.
  const written = await putPlanMeta(db, { ...fields, share: share ?? null });
  return written.ok ? ok(undefined) : err(written.error.code, written.error.message);
}
