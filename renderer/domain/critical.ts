import type * as Y from 'yjs';
import { z } from 'zod';
import type { CommandContext } from './context';
import { criticalMap } from './docShape';

/**
 * Business-critical fields (prices, dates, stages, decisions) keep a small edit log next to the
 * value. Each edit names the edits it replaced (`prev`). Yjs still keeps exactly one value; the
 * log lets Lockstep see when two people changed the same field without seeing each other's
 * change: then more than one edit is unreplaced (a "head") and a person must confirm.
 */
const EditSchema = z.object({
  id: z.string().max(100),
  value: z.unknown(),
  by: z.string().max(200).catch(''),
  byName: z.string().max(200).catch(''),
  at: z.number().finite().catch(0),
  prev: z.array(z.string().max(100)).max(64).catch([]),
});
export type CriticalEdit = z.infer<typeof EditSchema>;

export interface CriticalConflict {
  /** e.g. `brief.stage` or `milestones.<id>.date`. */
  path: string;
  /** The concurrent values, newest first; the value Yjs kept is among them. */
  candidates: CriticalEdit[];
}

/**
 * Each edit is its own key (`path#editId`) in one flat map. A per-path nested array would lose
 * edits: two peers creating the array for the same path concurrently keep only one array.
 */
const SEPARATOR = '#';

function readLogs(doc: Y.Doc): Map<string, CriticalEdit[]> {
  const byPath = new Map<string, CriticalEdit[]>();
  criticalMap(doc).forEach((raw, key) => {
    const cut = key.lastIndexOf(SEPARATOR);
    if (cut <= 0) return;
    const parsed = EditSchema.safeParse(raw);
    if (!parsed.success || parsed.data.id !== key.slice(cut + 1)) return;
    const path = key.slice(0, cut);
    const list = byPath.get(path);
    if (list) list.push(parsed.data);
    else byPath.set(path, [parsed.data]);
  });
  return byPath;
}

export function heads(edits: readonly CriticalEdit[]): CriticalEdit[] {
  const replaced = new Set<string>();
  for (const edit of edits) for (const p of edit.prev) replaced.add(p);
  const seen = new Set<string>();
  return edits.filter((e) => !replaced.has(e.id) && !seen.has(e.id) && (seen.add(e.id), true));
}

/**
 * Records that the local user set `path` to `value`. Must run inside the command's transaction,
 * next to the actual field write. Setting a field that is in conflict confirms the new value.
 */
export function recordCriticalEdit(doc: Y.Doc, ctx: CommandContext, path: string, value: unknown): void {
  const prev = heads(readLogs(doc).get(path) ?? []).map((e) => e.id);
  const id = ctx.newId();
  criticalMap(doc).set(`${path}${SEPARATOR}${id}`, { id, value, by: ctx.actor.id, byName: ctx.actor.name, at: ctx.now(), prev });
}

export function readConflicts(doc: Y.Doc): CriticalConflict[] {
  const conflicts: CriticalConflict[] = [];
  for (const [path, edits] of readLogs(doc)) {
    const open = heads(edits);
    if (open.length > 1) conflicts.push({ path, candidates: [...open].sort((a, b) => b.at - a.at) });
  }
  return conflicts.sort((a, b) => a.path.localeCompare(b.path));
}

export function readCriticalHistory(doc: Y.Doc, path: string): CriticalEdit[] {
  return [...(readLogs(doc).get(path) ?? [])].sort((a, b) => a.at - b.at);
}

/**
 * Records many critical edits at once (a CSV import): reads the log once instead of once per
 * field, so importing hundreds of weekly actuals stays linear. Same semantics as
 * recordCriticalEdit for each entry.
 */
export function recordCriticalEdits(doc: Y.Doc, ctx: CommandContext, entries: readonly (readonly [path: string, value: unknown])[]): void {
  if (entries.length === 0) return;
  const logs = readLogs(doc);
  const map = criticalMap(doc);
  for (const [path, value] of entries) {
    const prev = heads(logs.get(path) ?? []).map((e) => e.id);
    const id = ctx.newId();
    const edit = { id, value, by: ctx.actor.id, byName: ctx.actor.name, at: ctx.now(), prev };
    map.set(`${path}${SEPARATOR}${id}`, edit);
    logs.set(path, [...(logs.get(path) ?? []), edit]);
  }
}
