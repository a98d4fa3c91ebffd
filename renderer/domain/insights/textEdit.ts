/** One contiguous change: `deleteCount` characters at `start` replaced by `insert`. */
export interface TextHunk {
  start: number;
  deleteCount: number;
  insert: string;
}

/** The smallest single hunk turning `from` into `to` (common prefix and suffix kept). */
export function diffHunk(from: string, to: string): TextHunk | null {
  if (from === to) return null;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from.charCodeAt(endFrom - 1) === to.charCodeAt(endTo - 1)) {
    endFrom -= 1;
    endTo -= 1;
  }
  return { start, deleteCount: endFrom - start, insert: to.slice(start, endTo) };
}

export type Rebased = { kind: 'none' } | { kind: 'apply'; hunk: TextHunk } | { kind: 'conflict' };

/**
 * Someone edited `base` into `mine` in a text box while the stored text moved on to `current`
 * (a colleague's edit synced in meanwhile). Returns my change expressed against `current`, so
 * applying it keeps their change too; or `conflict` when we both changed the same words, which
 * the caller must show instead of silently overwriting one of us.
 */
export function rebaseEdit(base: string, mine: string, current: string): Rebased {
  const own = diffHunk(base, mine);
  // Unchanged by me, or the colleague already made exactly my change: nothing left to do.
  if (own === null || mine === current) return { kind: 'none' };
  const theirs = diffHunk(base, current);
  if (theirs === null) return { kind: 'apply', hunk: own };
  const ownEnd = own.start + own.deleteCount;
  const theirEnd = theirs.start + theirs.deleteCount;
  // Touching ranges count as overlapping: two inserts at the same spot have no right order.
  const before = ownEnd < theirs.start;
  const after = own.start > theirEnd;
  if (!before && !after) return { kind: 'conflict' };
  const shift = theirs.insert.length - theirs.deleteCount;
  return { kind: 'apply', hunk: before ? own : { ...own, start: own.start + shift } };
}
