import type * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import { recordActivity } from '../activity';
import { registerConflictResolver } from '../commands/conflicts';
import type { CommandContext } from '../context';
import { recordCriticalEdit, recordCriticalEdits } from '../critical';
import { transactLocal } from '../transact';
import { isKpiId, isMeasure, type KpiId, type Measure } from './kpis';
import {
  actualKey,
  actualPath,
  hasCurrentSignature,
  kpisMap,
  MAX_VALUE,
  readScorecardData,
  SIGN_TEAMS,
  targetKey,
  targetPath,
  targetsFingerprint,
  type SignTeam,
} from './model';
import { isIsoWeek, isQuarter } from './weeks';

const COUNT_MEASURES: readonly Measure[] = ['leads', 'salesAccepted', 'opportunities', 'won'];

/** Plain-words check of one weekly input; shared by manual entry and CSV import. */
export function checkMeasureValue(measure: Measure, value: number): Result<number> {
  if (!Number.isFinite(value)) return err('kpi/not-a-number', 'Enter a number.');
  if (value < 0) return err('kpi/negative', 'This number cannot be negative.');
  if (value > MAX_VALUE) return err('kpi/too-large', 'This number is too large to be real.');
  if (COUNT_MEASURES.includes(measure) && !Number.isInteger(value)) return err('kpi/not-whole', 'This is a count: use a whole number.');
  return ok(value);
}

function checkTarget(kpi: KpiId, value: number): Result<number> {
  if (!Number.isFinite(value)) return err('kpi/not-a-number', 'Enter a number.');
  if (Math.abs(value) > MAX_VALUE) return err('kpi/too-large', 'This number is too large to be real.');
  if (kpi === 'leadQuality' && (value < 1 || value > 5)) return err('kpi/rating-range', 'Lead quality is rated from 1 to 5.');
  if (kpi !== 'roiAds' && value < 0) return err('kpi/negative', 'This target cannot be negative.');
  return ok(value);
}

export interface WriteOptions {
  /** Write and log even if the value is unchanged: confirming a conflict must close it. */
  confirm?: boolean;
}

const stamp = (ctx: CommandContext) => ({ by: ctx.actor.id, byName: ctx.actor.name, at: ctx.now() });

/**
 * Enters (or clears, with null) one weekly actual. The value is business-critical: the same week
 * entered by two people offline is flagged for a person to confirm; different weeks never collide.
 */
export function setActual(
  doc: Y.Doc,
  ctx: CommandContext,
  measure: Measure,
  week: string,
  value: number | null,
  options: WriteOptions = {},
): Result<void> {
  if (!isMeasure(measure)) return err('kpi/unknown-measure', 'Unknown measure.');
  if (!isIsoWeek(week)) return err('kpi/bad-week', 'That is not a valid week (use e.g. 2026-W48).');
  if (value !== null) {
    const checked = checkMeasureValue(measure, value);
    if (!checked.ok) return checked;
  }
  transactLocal(doc, () => {
    const map = kpisMap(doc);
    const key = actualKey(measure, week);
    if (value === null) {
      if (!map.has(key) && !options.confirm) return;
      map.delete(key);
    } else {
      const current = map.get(key) as { value?: unknown } | undefined;
      if (current && current.value === value && !options.confirm) return;
      map.set(key, { value, ...stamp(ctx), source: 'manual' });
    }
    recordCriticalEdit(doc, ctx, actualPath(measure, week), value);
    recordActivity(doc, ctx, 'activity.kpi.actual', `${measure} ${week}`);
  });
  return ok(undefined);
}

/**
 * Sets (or clears) a quarterly target. Decision: once anyone has signed the current targets, a
 * change needs a written reason; the change (old value, new value, reason, who, when) is kept in
 * the scorecard's change log, and every existing signature becomes outdated because it no longer
 * matches the targets — both teams sign again. Signatures are never deleted, so the history of
 * who agreed to what stays visible.
 */
export function setTarget(
  doc: Y.Doc,
  ctx: CommandContext,
  kpi: KpiId,
  period: string,
  value: number | null,
  reason = '',
  options: WriteOptions = {},
): Result<void> {
  if (!isKpiId(kpi)) return err('kpi/unknown', 'Unknown KPI.');
  if (!isQuarter(period)) return err('kpi/bad-period', 'Targets are set per quarter (e.g. 2026-Q4).');
  if (value !== null) {
    const checked = checkTarget(kpi, value);
    if (!checked.ok) return checked;
  }
  const data = readScorecardData(doc);
  const current = data.targets.find((t) => t.kpi === kpi && t.period === period)?.value ?? null;
  if (current === value && !options.confirm) return ok(undefined);
  // Confirming one of two concurrent values is not a new change of the agreement.
  const signed = hasCurrentSignature(data) && current !== value;
  const why = reason.trim().slice(0, 2000);
  if (signed && why === '') return err('kpi/reason-required', 'These targets were signed. Say why you change this target.');
  transactLocal(doc, () => {
    const map = kpisMap(doc);
    if (value === null) map.delete(targetKey(kpi, period));
    else map.set(targetKey(kpi, period), { value, ...stamp(ctx) });
    if (current !== value && (signed || why !== '')) {
      map.set(`change#${ctx.newId()}`, { kpi, period, from: current, to: value, reason: why, wasSigned: signed, ...stamp(ctx) });
    }
    recordCriticalEdit(doc, ctx, targetPath(kpi, period), value);
    recordActivity(doc, ctx, 'activity.kpi.target', `${kpi} ${period}`);
  });
  return ok(undefined);
}

/** The local user agrees to the targets as they are now, for their team. */
export function signTargets(doc: Y.Doc, ctx: CommandContext, team: SignTeam): Result<void> {
  if (!SIGN_TEAMS.includes(team)) return err('kpi/bad-team', 'Unknown team.');
  const data = readScorecardData(doc);
  if (data.targets.length === 0) return err('kpi/no-targets', 'Set targets before signing them.');
  transactLocal(doc, () => {
    kpisMap(doc).set(`sign#${ctx.actor.id}`, { byName: ctx.actor.name, by: ctx.actor.id, at: ctx.now(), team, fingerprint: targetsFingerprint(data.targets) });
    recordActivity(doc, ctx, 'activity.kpi.signed', team);
  });
  return ok(undefined);
}

export function withdrawSignature(doc: Y.Doc, ctx: CommandContext): Result<void> {
  const key = `sign#${ctx.actor.id}`;
  if (!kpisMap(doc).has(key)) return err('kpi/not-signed', 'You have not signed these targets.');
  transactLocal(doc, () => {
    kpisMap(doc).delete(key);
    recordActivity(doc, ctx, 'activity.kpi.unsigned');
  });
  return ok(undefined);
}

export interface LeadRatingInput {
  week: string;
  campaign: string;
  segment: string;
  score: number;
  note?: string;
}

/** Sales rates a batch of leads (per campaign and segment) from 1 to 5. Each rating is its own key. */
export function addLeadRating(doc: Y.Doc, ctx: CommandContext, input: LeadRatingInput): Result<string> {
  if (!isIsoWeek(input.week)) return err('kpi/bad-week', 'That is not a valid week (use e.g. 2026-W48).');
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) return err('kpi/rating-range', 'Lead quality is rated from 1 to 5.');
  const id = ctx.newId();
  transactLocal(doc, () => {
    kpisMap(doc).set(`rating#${id}`, {
      week: input.week,
      campaign: input.campaign.trim().slice(0, 200),
      segment: input.segment.trim().slice(0, 200),
      score: input.score,
      note: (input.note ?? '').slice(0, 2000),
      ...stamp(ctx),
    });
    recordActivity(doc, ctx, 'activity.kpi.rating', `${input.campaign} ${input.week}`);
  });
  return ok(id);
}

export function removeLeadRating(doc: Y.Doc, ctx: CommandContext, id: string): Result<void> {
  const key = `rating#${id}`;
  if (!kpisMap(doc).has(key)) return err('kpi/rating-missing', 'This rating was already removed.');
  transactLocal(doc, () => {
    kpisMap(doc).delete(key);
    recordActivity(doc, ctx, 'activity.kpi.rating-removed');
  });
  return ok(undefined);
}

export function setScorecardCurrency(doc: Y.Doc, ctx: CommandContext, currency: string): Result<void> {
  if (!/^[A-Z]{3}$/.test(currency)) return err('kpi/bad-currency', 'Use a three-letter currency code such as EUR.');
  transactLocal(doc, () => {
    kpisMap(doc).set('currency', currency);
    recordActivity(doc, ctx, 'activity.kpi.currency', currency);
  });
  return ok(undefined);
}

/** One validated row of weekly actuals (from a CSV import or any other batch source). */
export interface ActualsRow {
  /** Line in the source file, for messages. */
  line: number;
  week: string;
  values: Partial<Record<Measure, number>>;
}

export interface ActualsBatch {
  rows: readonly ActualsRow[];
  /** `actualKey(measure, week)` of every existing value the user chose to overwrite. */
  overwrite: ReadonlySet<string>;
}

export interface ApplyReport {
  /** Values written where there was none. */
  added: number;
  /** Existing values replaced because the user chose "overwrite". */
  overwritten: number;
  /** Existing values left alone (a different value in the file, not chosen for overwrite). */
  kept: number;
  /** Values identical to what was there already. */
  unchanged: number;
}

/**
 * Writes a validated batch in ONE transaction, so one undo removes the whole import. Existing
 * values are only replaced where the user chose "overwrite". Every row is re-checked: this is the
 * last gate before the shared document.
 */
export function applyActuals(doc: Y.Doc, ctx: CommandContext, batch: ActualsBatch): Result<ApplyReport> {
  for (const row of batch.rows) {
    if (!isIsoWeek(row.week)) return err('import/bad-week', `Line ${row.line}: ${row.week} is not a valid week.`);
    for (const [measure, value] of Object.entries(row.values)) {
      if (!isMeasure(measure) || typeof value !== 'number') return err('import/bad-measure', `Line ${row.line}: unknown column ${measure}.`);
      const checked = checkMeasureValue(measure, value);
      if (!checked.ok) return err(checked.error.code, `Line ${row.line}: ${checked.error.message}`);
    }
  }
  const report: ApplyReport = { added: 0, overwritten: 0, kept: 0, unchanged: 0 };
  transactLocal(doc, () => {
    const map = kpisMap(doc);
    const edits: [string, unknown][] = [];
    for (const row of batch.rows) {
      for (const [measure, value] of Object.entries(row.values) as [Measure, number][]) {
        const key = actualKey(measure, row.week);
        const existing = map.get(key) as { value?: unknown } | undefined;
        if (existing !== undefined && existing.value === value) {
          report.unchanged += 1;
          continue;
        }
        if (existing !== undefined && !batch.overwrite.has(key)) {
          report.kept += 1;
          continue;
        }
        if (existing !== undefined) report.overwritten += 1;
        else report.added += 1;
        map.set(key, { value, ...stamp(ctx), source: 'import' });
        edits.push([actualPath(measure, row.week), value]);
      }
    }
    recordCriticalEdits(doc, ctx, edits);
    if (edits.length > 0) recordActivity(doc, ctx, 'activity.kpi.imported', String(edits.length));
  });
  return ok(report);
}

registerConflictResolver('kpis', (doc, ctx, path, value) => {
  const actual = /^kpis\.actual\.([^.]+)\.(\d{4}-W\d{2})$/.exec(path);
  if (actual?.[1] && actual[2] && isMeasure(actual[1])) {
    return setActual(doc, ctx, actual[1], actual[2], typeof value === 'number' ? value : null, { confirm: true });
  }
  const target = /^kpis\.target\.([^.]+)\.(\d{4}-Q[1-4])$/.exec(path);
  if (target?.[1] && target[2] && isKpiId(target[1])) {
    return setTarget(doc, ctx, target[1], target[2], typeof value === 'number' ? value : null, 'Confirmed after a conflict', { confirm: true });
  }
  return err('conflict/unknown-field', 'Lockstep does not know this field; it was left as it is.');
});
