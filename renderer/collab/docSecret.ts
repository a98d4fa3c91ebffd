/**
 * The plan's current secret, also kept inside the shared document so that members who are
 * online when someone rotates the invite learn the new secret over the old room and follow
 * (docs/sync.md, "Rotating a plan's secret"). Anyone who can read the document already held
 * the previous secret, so this reveals nothing new to them.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { ROOTS } from '../domain';

const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.meta);

export const DOC_SECRET_KEY = 'shareSecret';

const docSecretSchema = z.object({
  secret: z.string().min(16).max(64),
  at: z.number().nonnegative(),
  by: z.string().max(200),
});
export type DocSecret = z.infer<typeof docSecretSchema>;

/** The secret written into the document, or null when absent or malformed (a peer can write anything). */
export function readDocSecret(doc: Y.Doc): DocSecret | null {
  const parsed = docSecretSchema.safeParse(metaMap(doc).get(DOC_SECRET_KEY));
  return parsed.success ? parsed.data : null;
}

export function writeDocSecret(doc: Y.Doc, value: DocSecret): void {
  metaMap(doc).set(DOC_SECRET_KEY, { ...value });
}

/** Calls `listener` whenever the document's secret entry changes (locally or from a peer). */
export function observeDocSecret(doc: Y.Doc, listener: (value: DocSecret | null, local: boolean) => void): () => void {
  const meta = metaMap(doc);
  const onChange = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has(DOC_SECRET_KEY)) listener(readDocSecret(doc), event.transaction.local);
  };
  meta.observe(onChange);
  return () => meta.unobserve(onChange);
}
