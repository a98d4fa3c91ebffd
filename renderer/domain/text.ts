import * as Y from 'yjs';
import { isHighSurrogate, isLowSurrogate, wellFormed } from './unicode';

/** One contiguous change: `deleteCount` UTF-16 units at `start` replaced by `insert`. */
export interface TextHunk {
  start: number;
  deleteCount: number;
  insert: string;
}

/**
 * The smallest single hunk turning `from` into `to` (common prefix and suffix kept), never
 * cutting an emoji in half: replacing 🚀 by 🚁 shares the first UTF-16 unit, and a change
 * starting inside the pair makes Yjs turn both halves into U+FFFD (yjs#248).
 */
export function diffHunk(from: string, to: string): TextHunk | null {
  if (from === to) return null;
  let start = 0;
  const maxStart = Math.min(from.length, to.length);
  while (start < maxStart && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start -= 1;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from.charCodeAt(endFrom - 1) === to.charCodeAt(endTo - 1)) {
    endFrom -= 1;
    endTo -= 1;
  }
  if (endFrom < from.length && isLowSurrogate(from.charCodeAt(endFrom))) {
    endFrom += 1;
    endTo += 1;
  }
  return { start, deleteCount: endFrom - start, insert: to.slice(start, endTo) };
}

/** Applies a hunk computed on `text.toString()` (positions are string positions). */
export function applyHunk(text: Y.Text, hunk: TextHunk): void {
  const start = textIndex(text, hunk.start);
  const end = hunk.deleteCount > 0 ? textIndex(text, hunk.start + hunk.deleteCount) : start;
  if (end > start) text.delete(start, end - start);
  if (hunk.insert.length > 0) text.insert(start, hunk.insert);
}

/**
 * The Y.Text index of position `pos` in `text.toString()`. They differ when the text holds
 * content Yjs counts but toString() leaves out — an embed or a JSON value that a broken or
 * hostile peer put into a plain text field: every edit after it would otherwise land that
 * many characters early (seen in the malicious-peer fuzz: "8000" became "800…0").
 */
function textIndex(text: Y.Text, pos: number): number {
  if (text.length === text.toString().length) return pos;
  let seen = 0;
  let index = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (item.content instanceof Y.ContentString) {
      if (pos <= seen + item.length) return index + (pos - seen);
      seen += item.length;
    }
    index += item.length;
  }
  return index;
}

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
    map.set(key, new Y.Text(next));
    return true;
  }
  const hunk = diffHunk(current.toString(), next);
  if (hunk === null) return false;
  applyHunk(current, hunk);
  return true;
}

/** Reads a field that may be Y.Text (ours) or a plain string (older or foreign writers). */
export function readText(value: unknown): unknown {
  return value instanceof Y.Text ? value.toString() : value;
}
