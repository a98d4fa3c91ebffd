import { diffHunk, type TextHunk } from '../text';

export { diffHunk, type TextHunk };

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
