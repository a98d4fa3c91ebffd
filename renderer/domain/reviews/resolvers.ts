import type * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { readConflicts, recordCriticalEdit } from '../critical';
import { registerConflictResolver } from '../commands/conflicts';
import { transactLocal } from '../transact';
import { reviseOffer, setBundlePrice, setOfferCurrency, updateComponent } from '../offers/commands';
import { readOffers } from '../offers/queries';
import { decidePilot, recordResult, updatePilot } from '../pilots/commands';
import { readPilots } from '../pilots/queries';
import { PILOT_DECISIONS, type PilotDecision } from '../pilots/schema';
import { confirmAnswer, resubmitOffer, setReviewQuorum } from './commands';
import { readReviewEntries, VERDICTS } from './schema';
import { reviewerStates } from './status';

/**
 * A normal command only records an edit when the value changes; confirming the value Yjs already
 * kept changes nothing, so the open edits are closed here with one more edit of that value.
 */
function closeIfOpen(doc: Y.Doc, ctx: CommandContext, path: string, value: unknown, result: Result<unknown>): Result<void> {
  if (!result.ok) return result;
  if (readConflicts(doc).some((c) => c.path === path)) transactLocal(doc, () => recordCriticalEdit(doc, ctx, path, value));
  return ok(undefined);
}

const badValue = (): Result<never> => err('conflict/bad-value', 'That value cannot be kept.');
const amountOrNull = (v: unknown): v is number | null => v === null || typeof v === 'number';

function resolveOffer(doc: Y.Doc, ctx: CommandContext, path: string, value: unknown): Result<void> {
  const [, offerId = '', field, componentId, sub] = path.split('.');
  if (field === 'bundlePrice') return amountOrNull(value) ? closeIfOpen(doc, ctx, path, value, setBundlePrice(doc, ctx, offerId, value)) : badValue();
  if (field === 'currency') return typeof value === 'string' ? closeIfOpen(doc, ctx, path, value, setOfferCurrency(doc, ctx, offerId, value)) : badValue();
  if (field === 'components' && componentId && sub === 'listPrice') {
    return amountOrNull(value) ? closeIfOpen(doc, ctx, path, value, updateComponent(doc, ctx, offerId, componentId, { listPrice: value })) : badValue();
  }
  if (field === 'status') {
    const current = readOffers(doc).items.find((o) => o.id === offerId)?.status.status;
    if (current === undefined) return err('offer/missing', 'This offer was removed, perhaps by a colleague.');
    if (value === current) return closeIfOpen(doc, ctx, path, value, ok(undefined));
    if (value === 'draft') return closeIfOpen(doc, ctx, path, value, reviseOffer(doc, ctx, offerId));
    if (value === 'in-review') return closeIfOpen(doc, ctx, path, value, resubmitOffer(doc, ctx, offerId, null));
    return err('conflict/bad-value', 'Approval comes from the reviewers; ask them to review again.');
  }
  return err('conflict/unknown-field', 'Lockstep does not know this field; it was left as it is.');
}

function resolveReview(doc: Y.Doc, ctx: CommandContext, path: string, value: unknown): Result<void> {
  if (path === 'reviews.quorum') return typeof value === 'number' ? closeIfOpen(doc, ctx, path, value, setReviewQuorum(doc, ctx, value)) : badValue();
  const [, requestId = '', what, reviewerId = ''] = path.split('.');
  if (what !== 'answers' || !(VERDICTS as readonly unknown[]).includes(value)) return badValue();
  const { requests, answers } = readReviewEntries(doc);
  const request = requests.find((r) => r.id === requestId);
  const state = request ? reviewerStates(request, answers).find((s) => s.reviewer.id === reviewerId) : undefined;
  const keep = state?.openAnswers.find((a) => a.verdict === value);
  if (!state || !keep) return badValue();
  const result = state.openAnswers.length > 1 ? confirmAnswer(doc, ctx, requestId, reviewerId, keep.id) : ok(undefined);
  return closeIfOpen(doc, ctx, path, value, result);
}

function resolvePilot(doc: Y.Doc, ctx: CommandContext, path: string, value: unknown): Result<void> {
  const [, pilotId = '', field, key] = path.split('.');
  if (field === 'decision') {
    if (!(PILOT_DECISIONS as readonly unknown[]).includes(value)) return badValue();
    const pilot = readPilots(doc).items.find((p) => p.id === pilotId);
    const record = [...(pilot?.decisions ?? [])].reverse().find((d) => d.decision === value);
    if (!pilot || !record) return badValue();
    return closeIfOpen(doc, ctx, path, value, decidePilot(doc, ctx, pilotId, value as PilotDecision, record.rationale));
  }
  if (field === 'start' || field === 'end') {
    if (value !== null && typeof value !== 'string') return badValue();
    return closeIfOpen(doc, ctx, path, value, updatePilot(doc, ctx, pilotId, { [field]: value }));
  }
  if (field === 'results' && key) {
    const [criterionId = '', week = ''] = key.split('|');
    if (value !== null && typeof value !== 'number') return badValue();
    return closeIfOpen(doc, ctx, path, value, recordResult(doc, ctx, pilotId, criterionId, week, value));
  }
  return err('conflict/unknown-field', 'Lockstep does not know this field; it was left as it is.');
}

let registered = false;
/** Called by the domain barrel; idempotent. */
export function registerReviewWorkflowResolvers(): void {
  if (registered) return;
  registered = true;
  registerConflictResolver('offers', resolveOffer);
  registerConflictResolver('reviews', resolveReview);
  registerConflictResolver('pilots', resolvePilot);
}
