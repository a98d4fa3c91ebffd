import * as Y from 'yjs';
import { isHighSurrogate, isLowSurrogate, wellFormed } from './unicode';

/**
 * Long text fields are Y.Text so that two people typing in the same field merge character by
 * character instead of one overwriting the other. Inputs give us whole strings; we turn the
 * difference into one delete and one insert at the changed range.
 */
export function writeText(map: Y.Map<unknown>, key: string, input: string): boolean {
  // Lone surrogates would reach peers as U+FFFD but stay halves here (unicode.ts).
  const next = wellFormed(input);
  const current = map.get(key);
  if (!(current instanceof Y.Text)) {
    const created = new Y.Text(next);
    map.set(key, created);
    return true;
  }
  const prev = current.toString();
  if (prev === next) return false;
  let start = 0;
  const maxStart = Math.min(prev.length, next.length);
  while (start < maxStart && prev.charCodeAt(start) === next.charCodeAt(start)) start += 1;
  // Never cut an emoji in half: replacing 🚀 by 🚁 shares the first UTF-16 unit, and a change
  // starting inside the pair makes Yjs turn both halves into U+FFFD (yjs#248).
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start -= 1;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev -= 1;
    endNext -= 1;
  }
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev += 1;
    endNext += 1;
  }
  if (endPrev > start) current.delete(start, endPrev - start);
  if (endNext > start) current.insert(start, next.slice(start, endNext));
  return true;
}

/** Reads a field that may be Y.Text (ours) or a plain string (older or foreign writers). */
export function readText(value: unknown): unknown {
  return value instanceof Y.Text ? value.toString() : value;
}
