import { z } from 'zod';
import { defineKvKey, type LibraryEntry } from '../../storage';

/** One plan the quick capture can write into. */
export interface CapturePlan {
  id: string;
  title: string;
  stage: string;
}

/**
 * The last plan the person had open on this computer, so capture from the library or portfolio
 * lands where they were working. Local only (not synced): it describes this person's session.
 */
export const lastOpenedPlanKey = defineKvKey<string | null>('insights.lastOpenedPlan', z.string().min(1).max(200).nullable(), null);

/**
 * Plans offered in the picker: readable, not deleted and not archived, in library order (pinned,
 * then most recently updated). A damaged library row is left out: its plan cannot be opened.
 */
export function capturePlanChoices(entries: readonly LibraryEntry[], untitled: string): CapturePlan[] {
  return entries.flatMap((e): CapturePlan[] =>
    e.corrupt || e.deletedAt !== null || e.archived === 1 ? [] : [{ id: e.id, title: e.title.trim() || untitled, stage: e.stage }],
  );
}

/**
 * Which plan the picker starts on: the plan open on screen, else the most recently opened one,
 * else the top of the library. Ids that are no longer offered (deleted, archived) are skipped.
 */
export function defaultCapturePlan(choices: readonly CapturePlan[], hints: { openPlanId?: string | null; lastOpenedId?: string | null }): string | null {
  const offered = (id: string | null | undefined): id is string => typeof id === 'string' && choices.some((c) => c.id === id);
  if (offered(hints.openPlanId)) return hints.openPlanId;
  if (offered(hints.lastOpenedId)) return hints.lastOpenedId;
  return choices[0]?.id ?? null;
}
