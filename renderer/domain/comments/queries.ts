import type * as Y from 'yjs';
import { readCommentEntries, type CommentData, type CommentTargetKind } from './schema';

export interface CommentThread {
  id: string;
  root: CommentData;
  replies: CommentData[];
  resolved: boolean;
  /** Newest activity in the thread. */
  lastAt: number;
}

/** Threads, oldest first. Replies whose thread is gone are shown as threads of their own. */
export function readThreads(doc: Y.Doc, filter?: { kind: CommentTargetKind; id: string; field?: string }): { items: CommentThread[]; skipped: number } {
  const { items, skipped } = readCommentEntries(doc);
  const roots = new Map<string, CommentThread>();
  for (const c of items) if (c.threadId === '') roots.set(c.id, { id: c.id, root: c, replies: [], resolved: c.resolved, lastAt: c.at });
  for (const c of items) {
    if (c.threadId === '') continue;
    const thread = roots.get(c.threadId);
    if (thread) {
      thread.replies.push(c);
      thread.lastAt = Math.max(thread.lastAt, c.at);
    } else roots.set(c.id, { id: c.id, root: c, replies: [], resolved: false, lastAt: c.at });
  }
  const threads = [...roots.values()].filter(
    (t) => !filter || (t.root.targetKind === filter.kind && t.root.targetId === filter.id && (filter.field === undefined || t.root.field === filter.field)),
  );
  threads.sort((a, b) => a.root.at - b.root.at || a.id.localeCompare(b.id));
  return { items: threads, skipped };
}

/** Open threads per field of one target: the field editor shows a count badge from this. */
export function openThreadCounts(threads: readonly CommentThread[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of threads) if (!t.resolved) counts[t.root.field] = (counts[t.root.field] ?? 0) + 1;
  return counts;
}

/** Comments that @mention the person, newest first. */
export function mentionsOf(threads: readonly CommentThread[], personId: string): { thread: CommentThread; comment: CommentData }[] {
  const out: { thread: CommentThread; comment: CommentData }[] = [];
  for (const t of threads) for (const c of [t.root, ...t.replies]) if (c.mentions.some((m) => m.id === personId)) out.push({ thread: t, comment: c });
  return out.sort((a, b) => b.comment.at - a.comment.at);
}
