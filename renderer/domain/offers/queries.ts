import type * as Y from 'yjs';
import { readConflicts, type CriticalConflict } from '../critical';
import { readQuorum, readReviewEntries, type ReviewsRead } from '../reviews/schema';
import { deriveOfferStatus, type OfferStatusView } from '../reviews/status';
import { readDefaultCurrency, readOfferDataList, type OfferData } from './schema';
import { offerTotals, offerWarnings, type OfferTotals, type OfferWarning } from './warnings';

export interface OfferView extends OfferData {
  status: OfferStatusView;
  warnings: OfferWarning[];
  totals: OfferTotals;
  /** Open conflicts on this offer's critical fields (prices, currency, status). */
  conflicts: CriticalConflict[];
}

export interface OffersView {
  items: OfferView[];
  defaultCurrency: string;
  quorum: number;
  skipped: number;
}

export function offerStatusOf(offer: OfferData, reviews: ReviewsRead, quorum: number): OfferStatusView {
  return deriveOfferStatus({
    requests: reviews.requests.filter((r) => r.targetKind === 'offer' && r.targetId === offer.id),
    answers: reviews.answers,
    revisions: offer.revisions,
    quorum,
    created: { byName: offer.createdByName, at: offer.createdAt },
  });
}

/** Every offer with its derived status, warnings and totals. Never throws on what peers wrote. */
export function readOffers(doc: Y.Doc): OffersView {
  const data = readOfferDataList(doc);
  const reviews = readReviewEntries(doc);
  const quorum = readQuorum(doc);
  const conflicts = readConflicts(doc);
  const items = data.items.map((offer): OfferView => {
    const prefix = `offers.${offer.id}.`;
    return {
      ...offer,
      status: offerStatusOf(offer, reviews, quorum),
      warnings: offerWarnings(offer),
      totals: offerTotals(offer),
      conflicts: conflicts.filter((c) => c.path.startsWith(prefix)),
    };
  });
  return { items, defaultCurrency: readDefaultCurrency(doc), quorum, skipped: data.skipped + items.reduce((n, o) => n + o.skipped, 0) };
}
