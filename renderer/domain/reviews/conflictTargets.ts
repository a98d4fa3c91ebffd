import type * as Y from 'yjs';
import { readOfferDataList } from '../offers/schema';
import { asEntity } from '../docShape';
import { pilotsMap, readPilotData } from '../pilots/schema';
import { readReviewEntries } from './schema';

export type WorkflowConflictKind =
  | 'bundlePrice'
  | 'listPrice'
  | 'currency'
  | 'offerStatus'
  | 'answer'
  | 'quorum'
  | 'pilotDecision'
  | 'pilotStart'
  | 'pilotEnd'
  | 'pilotResult';

/** What a conflict path of the review workflow is about, so the conflict card can say it in words. */
export interface WorkflowConflictTarget {
  kind: WorkflowConflictKind;
  /** Offer, pilot or reviewer name (plus component / criterion name in `detail`). */
  name: string;
  detail: string;
  /** For amounts (cents): the offer's currency. */
  currency: string;
}

export function describeWorkflowConflict(doc: Y.Doc, path: string): WorkflowConflictTarget | null {
  const parts = path.split('.');
  const [root, id = '', field, sub, subField] = parts;
  if (root === 'offers') {
    const offer = readOfferDataList(doc).items.find((o) => o.id === id);
    const base = { name: offer?.name ?? '', currency: offer?.currency ?? 'EUR', detail: '' };
    if (field === 'bundlePrice') return { ...base, kind: 'bundlePrice' };
    if (field === 'currency') return { ...base, kind: 'currency' };
    if (field === 'status') return { ...base, kind: 'offerStatus' };
    if (field === 'components' && subField === 'listPrice') return { ...base, kind: 'listPrice', detail: offer?.components.find((c) => c.id === sub)?.name ?? '' };
    return null;
  }
  if (root === 'reviews') {
    if (path === 'reviews.quorum') return { kind: 'quorum', name: '', detail: '', currency: 'EUR' };
    const request = readReviewEntries(doc).requests.find((r) => r.id === id);
    if (field !== 'answers') return null;
    return { kind: 'answer', name: request?.reviewers.find((p) => p.id === sub)?.name ?? '', detail: request?.targetName ?? '', currency: 'EUR' };
  }
  if (root === 'pilots') {
    const entity = asEntity(pilotsMap(doc).get(id));
    const pilot = entity ? readPilotData(id, entity) : null;
    const base = { name: pilot?.name ?? '', detail: '', currency: 'EUR' };
    if (field === 'decision') return { ...base, kind: 'pilotDecision' };
    if (field === 'start') return { ...base, kind: 'pilotStart' };
    if (field === 'end') return { ...base, kind: 'pilotEnd' };
    if (field === 'results' && sub) {
      const [criterionId = '', week = ''] = sub.split('|');
      return { ...base, kind: 'pilotResult', detail: `${pilot?.criteria.find((c) => c.id === criterionId)?.metric ?? ''} ${week}`.trim() };
    }
  }
  return null;
}
