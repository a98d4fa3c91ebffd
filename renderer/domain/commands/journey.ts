import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity, nextOrder } from '../collection';
import { asEntity, journeyMap, phasesMap } from '../docShape';
import { DISCIPLINES, LIMITS, type Discipline } from '../schema';
import { writeText } from '../text';
import { transactLocal } from '../transact';

export const cellKey = (phaseId: string, discipline: Discipline): string => `${phaseId}|${discipline}`;

/**
 * Creates the four cells of a phase with their text fields, in the phase's own transaction, so
 * that later edits only ever change existing texts (concurrent creation would drop one side).
 */
export function insertJourneyRow(doc: Y.Doc, phaseId: string): void {
  const cells = journeyMap(doc);
  for (const discipline of DISCIPLINES) {
    insertEntity(cells, cellKey(phaseId, discipline), { owner: '', activities: new Y.Text(), handoff: new Y.Text() });
  }
}

export function addPhase(doc: Y.Doc, ctx: CommandContext, name: string): Result<string> {
  const clean = name.trim().slice(0, LIMITS.shortText);
  if (clean === '') return err('phase/name-empty', 'Give the phase a name.');
  const id = ctx.newId();
  transactLocal(doc, () => {
    const phases = phasesMap(doc);
    insertEntity(phases, id, { name: clean, order: nextOrder(phases) });
    insertJourneyRow(doc, id);
    recordActivity(doc, ctx, 'activity.phase.added', clean);
  });
  return ok(id);
}

export function renamePhase(doc: Y.Doc, ctx: CommandContext, id: string, name: string): Result<void> {
  const phase = asEntity(phasesMap(doc).get(id));
  if (!phase) return err('phase/missing', 'This phase was removed, perhaps by a colleague.');
  const clean = name.replace(/[\r\n]+/g, ' ').slice(0, LIMITS.shortText);
  transactLocal(doc, () => {
    phase.set('name', clean);
    recordActivity(doc, ctx, 'activity.phase.renamed', clean);
  });
  return ok(undefined);
}

/** Removes the phase and its cells in one transaction, so one undo brings both back. */
export function removePhase(doc: Y.Doc, ctx: CommandContext, id: string): Result<void> {
  const phases = phasesMap(doc);
  const phase = asEntity(phases.get(id));
  if (!phase) return err('phase/missing', 'This phase was already removed.');
  transactLocal(doc, () => {
    phases.delete(id);
    const cells = journeyMap(doc);
    for (const discipline of DISCIPLINES) cells.delete(cellKey(id, discipline));
    recordActivity(doc, ctx, 'activity.phase.removed', String(phase.get('name') ?? ''));
  });
  return ok(undefined);
}

export type CellField = 'owner' | 'activities' | 'handoff';

export function setJourneyCell(
  doc: Y.Doc,
  ctx: CommandContext,
  phaseId: string,
  discipline: Discipline,
  field: CellField,
  value: string,
): Result<void> {
  if (!asEntity(phasesMap(doc).get(phaseId))) return err('phase/missing', 'This phase was removed, perhaps by a colleague.');
  if (!DISCIPLINES.includes(discipline)) return err('journey/bad-discipline', 'Unknown discipline.');
  const max = field === 'owner' ? LIMITS.shortText : LIMITS.longText;
  if (value.length > max) return err('journey/too-long', `Keep this under ${max} characters.`);
  transactLocal(doc, () => {
    const cells = journeyMap(doc);
    const key = cellKey(phaseId, discipline);
    const cell = asEntity(cells.get(key)) ?? insertEntity(cells, key, {});
    const changed = field === 'owner' ? cell.get('owner') !== value && (cell.set('owner', value), true) : writeText(cell, field, value);
    if (changed) recordActivity(doc, ctx, `activity.journey.${field}`, discipline);
  });
  return ok(undefined);
}
