import type * as Y from 'yjs';
import { z } from 'zod';
import { ROOTS } from '../docShape';
import { isKpiId, isMeasure, type KpiId, type Measure } from './kpis';
import { isIsoWeek, isQuarter } from './weeks';

/**
 * Layout of the `kpis` root: ONE flat map of plain values, no nested Yjs types. Every fact has its
 * own key, so two people writing different facts offline never collide, and the same fact
 * written twice concurrently is a business-critical conflict (see commands.ts):
 *
 *   actual#<measure>#<week>     { value, by, byName, at, source }     weekly actual of a measure
 *   target#<kpi>#<quarter>      { value, by, byName, at }             target for a quarter
 *   rating#<id>                 { week, campaign, segment, score, … } sales' rating of a lead batch
 *   sign#<actorId>              { byName, team, at, fingerprint }     who agreed to which targets
 *   change#<id>                 { kpi, period, from, to, reason, … }  changes to signed targets
 *   currency                    'EUR'
 */
export const kpisMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOTS.kpis);

export const actualKey = (measure: Measure, week: string): string => `actual#${measure}#${week}`;
export const targetKey = (kpi: KpiId, period: string): string => `target#${kpi}#${period}`;
export const actualPath = (measure: Measure, week: string): string => `kpis.actual.${measure}.${week}`;
export const targetPath = (kpi: KpiId, period: string): string => `kpis.target.${kpi}.${period}`;

/** Values beyond this are typing accidents or hostile peers, not business numbers. */
export const MAX_VALUE = 1e12;

const finite = z.number().finite().min(-MAX_VALUE).max(MAX_VALUE);
const who = {
  by: z.string().max(200).catch(''),
  byName: z.string().max(200).catch(''),
  at: z.number().finite().min(0).catch(0),
};

export const ACTUAL_SOURCES = ['manual', 'import'] as const;
const ActualSchema = z.object({ value: finite, ...who, source: z.enum(ACTUAL_SOURCES).catch('manual') });
const TargetSchema = z.object({ value: finite, ...who });
export const SIGN_TEAMS = ['marketing', 'sales', 'management'] as const;
export type SignTeam = (typeof SIGN_TEAMS)[number];
const SignatureSchema = z.object({ ...who, team: z.enum(SIGN_TEAMS).catch('management'), fingerprint: z.string().max(64) });
const RatingSchema = z.object({
  week: z.string().max(10).refine(isIsoWeek),
  campaign: z.string().max(200).catch(''),
  segment: z.string().max(200).catch(''),
  score: z.number().int().min(1).max(5),
  note: z.string().max(2000).catch(''),
  ...who,
});
const ChangeSchema = z.object({
  kpi: z.string().refine(isKpiId),
  period: z.string().max(10),
  from: finite.nullable().catch(null),
  to: finite.nullable().catch(null),
  reason: z.string().max(2000).catch(''),
  wasSigned: z.boolean().catch(false),
  ...who,
});

export interface ActualEntry {
  measure: Measure;
  week: string;
  value: number;
  by: string;
  byName: string;
  at: number;
  source: (typeof ACTUAL_SOURCES)[number];
}
export interface TargetEntry {
  kpi: KpiId;
  period: string;
  value: number;
  by: string;
  byName: string;
  at: number;
}
export interface Signature {
  actorId: string;
  byName: string;
  team: SignTeam;
  at: number;
  fingerprint: string;
  /** Signed the targets as they are now; false once a target changed after signing. */
  current: boolean;
}
export interface LeadRating {
  id: string;
  week: string;
  campaign: string;
  segment: string;
  score: number;
  note: string;
  by: string;
  byName: string;
  at: number;
}
export interface TargetChange {
  id: string;
  kpi: KpiId;
  period: string;
  from: number | null;
  to: number | null;
  reason: string;
  wasSigned: boolean;
  by: string;
  byName: string;
  at: number;
}

export interface ScorecardData {
  currency: string;
  actuals: ActualEntry[];
  targets: TargetEntry[];
  ratings: LeadRating[];
  signatures: Signature[];
  changes: TargetChange[];
  /** Identifies the current set of targets; a signature is current when it carries this. */
  fingerprint: string;
  /** Entries a peer wrote that could not be read (counted, never thrown). */
  skipped: number;
}

/** FNV-1a over the sorted targets: cheap, deterministic on every peer. */
export function targetsFingerprint(targets: readonly Pick<TargetEntry, 'kpi' | 'period' | 'value'>[]): string {
  const canonical = targets
    .map((t) => `${t.kpi}|${t.period}|${t.value}`)
    .sort()
    .join('\n');
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i += 1) {
    hash ^= canonical.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${targets.length}-${hash.toString(16).padStart(8, '0')}`;
}

/** Reads the whole scorecard of one plan as plain data. Never throws on what peers wrote. */
export function readScorecardData(doc: Y.Doc): ScorecardData {
  const actuals: ActualEntry[] = [];
  const targets: TargetEntry[] = [];
  const ratings: LeadRating[] = [];
  const rawSignatures: Omit<Signature, 'current'>[] = [];
  const changes: TargetChange[] = [];
  let currency = 'EUR';
  let skipped = 0;
  kpisMap(doc).forEach((raw, key) => {
    const parts = key.split('#');
    const kind = parts[0];
    if (key === 'currency') {
      if (typeof raw === 'string' && /^[A-Z]{3}$/.test(raw)) currency = raw;
      return;
    }
    if (kind === 'actual' && parts.length === 3) {
      const [, measure, week] = parts;
      const parsed = ActualSchema.safeParse(raw);
      if (isMeasure(measure) && week !== undefined && isIsoWeek(week) && parsed.success) {
        actuals.push({ measure, week, ...parsed.data });
        return;
      }
    } else if (kind === 'target' && parts.length === 3) {
      const [, kpi, period] = parts;
      const parsed = TargetSchema.safeParse(raw);
      if (isKpiId(kpi) && period !== undefined && isQuarter(period) && parsed.success) {
        targets.push({ kpi, period, ...parsed.data });
        return;
      }
    } else if (kind === 'rating' && parts.length === 2 && parts[1]) {
      const parsed = RatingSchema.safeParse(raw);
      if (parsed.success) {
        ratings.push({ id: parts[1], ...parsed.data });
        return;
      }
    } else if (kind === 'sign' && parts.length === 2 && parts[1]) {
      const parsed = SignatureSchema.safeParse(raw);
      if (parsed.success) {
        rawSignatures.push({ actorId: parts[1], byName: parsed.data.byName, team: parsed.data.team, at: parsed.data.at, fingerprint: parsed.data.fingerprint });
        return;
      }
    } else if (kind === 'change' && parts.length === 2 && parts[1]) {
      const parsed = ChangeSchema.safeParse(raw);
      if (parsed.success) {
        changes.push({ id: parts[1], ...parsed.data, kpi: parsed.data.kpi as KpiId });
        return;
      }
    }
    skipped += 1;
  });
  actuals.sort((a, b) => a.week.localeCompare(b.week) || a.measure.localeCompare(b.measure));
  targets.sort((a, b) => a.period.localeCompare(b.period) || a.kpi.localeCompare(b.kpi));
  ratings.sort((a, b) => a.week.localeCompare(b.week) || a.at - b.at || a.id.localeCompare(b.id));
  changes.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const fingerprint = targetsFingerprint(targets);
  const signatures = rawSignatures
    .map((s) => ({ ...s, current: s.fingerprint === fingerprint }))
    .sort((a, b) => a.at - b.at || a.actorId.localeCompare(b.actorId));
  return { currency, actuals, targets, ratings, signatures, changes, fingerprint, skipped };
}

/**
 * Signed means: the current targets carry a current signature from marketing AND from sales
 * (brief idea 2: both teams agree to the same numbers). Any target change after that un-signs.
 */
export function isSigned(data: Pick<ScorecardData, 'signatures' | 'targets'>): boolean {
  if (data.targets.length === 0) return false;
  const current = data.signatures.filter((s) => s.current);
  return current.some((s) => s.team === 'marketing') && current.some((s) => s.team === 'sales');
}

/** Has anyone signed the targets as they are now (so a change needs a reason)? */
export function hasCurrentSignature(data: Pick<ScorecardData, 'signatures'>): boolean {
  return data.signatures.some((s) => s.current);
}
