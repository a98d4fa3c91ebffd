/**
 * The plan's current secret, also kept inside the shared document so that members who are
 * online when someone rotates the invite learn the new secret over the old room and follow
 * (docs/sync.md, "Rotating a plan's secret"). Members reading it already held the previous
 * secret, so inside the room it reveals nothing new.
 *
 * Outside the room it must never be seen: a plan file or a readable export goes to people who
 * are not (or no longer) members, and a secret in it would let them join the live plan — even
 * one rotated to shut them out. So everything that leaves the device is made through
 * `withoutDocSecret`, and every imported file passes `stripDocSecretFromUpdate`
 * (docs/file-format.md, "No secrets in plan files").
 */
import * as Y from 'yjs';
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

/**
 * Removes the document's secret entry. Yjs keeps the deleted item's id but (with gc on, the
 * default for every plan document) drops its content, so later encodings no longer carry it.
 */
export function removeDocSecret(doc: Y.Doc): void {
  const meta = metaMap(doc);
  if (meta.has(DOC_SECRET_KEY)) doc.transact(() => meta.delete(DOC_SECRET_KEY));
}

/**
 * Runs `read` on a version of the document that holds no share secret: the document itself when
 * it has none, otherwise a throwaway garbage-collected copy with the entry removed (the live
 * document and its peers are never touched). Anything leaving the device — a `.lockstep` file,
 * Markdown, a PDF — is made from this, so having the file never means being able to join the room.
 */
export function withoutDocSecret<T>(doc: Y.Doc, read: (clean: Y.Doc) => T): T {
  // A document without gc could still hold earlier (overwritten) secrets in deleted items.
  if (doc.gc && !metaMap(doc).has(DOC_SECRET_KEY)) return read(doc);
  const copy = new Y.Doc({ guid: doc.guid, gc: true });
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    removeDocSecret(copy);
    return read(copy);
  } finally {
    copy.destroy();
  }
}

/** The document's whole state (`Y.encodeStateAsUpdate`) without its share secret. */
export function encodeStateWithoutDocSecret(doc: Y.Doc): Uint8Array {
  return withoutDocSecret(doc, (clean) => Y.encodeStateAsUpdate(clean));
}

/**
 * A whole-plan update from outside (a plan file) with any share secret in it removed, so an
 * imported plan is never joinable through a secret someone left in a file.
 *
 * With `target` (the plan the update is about to be merged into), a secret entry the target
 * already holds is left as it is: applying it changes nothing there, while deleting it would
 * remove the live plan's copy for every member. Only an entry the target has never seen is
 * removed, which is exactly the one that could hand over a secret this device does not have.
 */
export function stripDocSecretFromUpdate(update: Uint8Array, target?: Y.Doc): Uint8Array {
  const scratch = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(scratch, update);
    const entry = metaMap(scratch)._map.get(DOC_SECRET_KEY);
    if (entry === undefined) return update;
    const known = target === undefined ? 0 : (Y.decodeStateVector(Y.encodeStateVector(target)).get(entry.id.client) ?? 0);
    if (known <= entry.id.clock) removeDocSecret(scratch);
    // Re-encoded from the garbage-collected scratch even when the current entry stays: a file
    // written from a document without gc could still carry earlier secrets in deleted items.
    return Y.encodeStateAsUpdate(scratch);
  } finally {
    scratch.destroy();
  }
}
