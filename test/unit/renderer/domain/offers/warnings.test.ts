import { describe, expect, it } from 'vitest';
import {
  ADDON_RATIO_LIMIT,
  addCompetitorRow,
  addComponent,
  addOfferItem,
  createOffer,
  DEEP_DISCOUNT_LIMIT,
  offerWarnings,
  readOffers,
  setBundlePrice,
  setOfferSegment,
  type OfferData,
  type OfferWarningCode,
} from '../../../../../renderer/domain';
import { must, newPlan } from './helpers';

function offer(parts: Partial<OfferData>): OfferData {
  return {
    id: 'o',
    name: 'Offer',
    description: '',
    currency: 'EUR',
    bundlePrice: null,
    components: [],
    segmentIds: ['seg'],
    arguments: [{ id: 'a', text: 'Saves time', order: 1 }],
    objections: [],
    competitors: [],
    revisions: [],
    createdAt: 0,
    createdBy: '',
    createdByName: '',
    order: 1,
    skipped: 0,
    ...parts,
  };
}

let n = 0;
const comp = (name: string, listPrice: number | null, billing: 'one-off' | 'monthly' | 'yearly' = 'one-off', role: 'core' | 'add-on' = 'add-on') => ({
  id: `c${(n += 1)}`,
  name,
  type: 'software' as const,
  billing,
  role,
  listPrice,
  order: n,
});
const codes = (o: OfferData): OfferWarningCode[] => offerWarnings(o).map((w) => w.code);

describe('plausibility warnings', () => {
  it('warns about the €4,000 device with €30,000 software as an add-on (7.5×)', () => {
    const { doc, ctx } = newPlan();
    const id = must(createOffer(doc, ctx, { name: 'Meter with analysis' }));
    must(addComponent(doc, ctx, id, { name: 'Measuring device', type: 'hardware', billing: 'one-off', listPrice: 400_000 }));
    must(addComponent(doc, ctx, id, { name: 'Analysis software', type: 'software', billing: 'one-off', listPrice: 3_000_000 }));
    must(setOfferSegment(doc, ctx, id, 'labs', true));
    must(addOfferItem(doc, ctx, id, 'arguments', 'Results in minutes'));
    const warnings = readOffers(doc).items[0]?.warnings;
    expect(warnings).toEqual([
      {
        code: 'addon-multiple',
        params: { addon: 'Analysis software', core: 'Measuring device', ratio: 7.5, addonPrice: 3_000_000, corePrice: 400_000, currency: 'EUR' },
      },
    ]);
  });

  it('draws the add-on line at exactly the documented ratio, comparing first-year value', () => {
    expect(ADDON_RATIO_LIMIT).toBe(2);
    expect(codes(offer({ components: [comp('Device', 1000, 'one-off', 'core'), comp('Extra', 2000)] }))).toEqual([]);
    expect(codes(offer({ components: [comp('Device', 1000, 'one-off', 'core'), comp('Extra', 2001)] }))).toEqual(['addon-multiple']);
    // €100 a month is €1,200 in the first year: 1.2× a €1,000 device is fine, €200 a month (2.4×) is not.
    expect(codes(offer({ components: [comp('Device', 1000, 'one-off', 'core'), comp('Cloud', 100, 'monthly')] }))).toEqual([]);
    const monthly = offerWarnings(offer({ components: [comp('Device', 1000, 'one-off', 'core'), comp('Cloud', 200, 'monthly')] }));
    expect(monthly).toMatchObject([{ code: 'addon-multiple', params: { ratio: 2.4, addonPrice: 2400 } }]);
    // Without an explicit core, the first component is the product the others extend.
    expect(codes(offer({ components: [comp('First', 1000), comp('Second', 5000)] }))).toEqual(['addon-multiple']);
    // A free core product cannot be multiplied.
    expect(codes(offer({ components: [comp('Free app', 0, 'one-off', 'core'), comp('Pro', 5000)] }))).toEqual([]);
  });

  it('warns about a bundle above the sum of its parts, a deep discount and mixed billing', () => {
    const parts = [comp('Device', 1000, 'one-off', 'core'), comp('Service', 500)];
    expect(offerWarnings(offer({ components: parts, bundlePrice: 1600 }))).toEqual([{ code: 'bundle-above-sum', params: { bundle: 1600, sum: 1500, currency: 'EUR' } }]);
    expect(codes(offer({ components: parts, bundlePrice: 1500 }))).toEqual([]);
    expect(codes(offer({ components: parts, bundlePrice: 750 }))).toEqual([]);
    expect(DEEP_DISCOUNT_LIMIT).toBe(0.5);
    expect(offerWarnings(offer({ components: parts, bundlePrice: 600 }))).toEqual([
      { code: 'bundle-deep-discount', params: { percent: 60, bundle: 600, sum: 1500, currency: 'EUR' } },
    ]);
    const mixed = [comp('Device', 1000, 'one-off', 'core'), comp('Licence', 50, 'monthly')];
    expect(codes(offer({ components: mixed }))).toEqual([]);
    expect(offerWarnings(offer({ components: mixed, bundlePrice: 1500 }))).toEqual([
      { code: 'bundle-mixed-billing', params: { oneOff: 1000, monthly: 50, yearly: 0, currency: 'EUR' } },
    ]);
  });

  it('warns about an offer without segment, arguments, components, prices or answers to competitors', () => {
    expect(codes(offer({ segmentIds: [], arguments: [], components: [] }))).toEqual(['no-components', 'no-segment', 'no-arguments']);
    expect(codes(offer({ arguments: [{ id: 'a', text: '   ', order: 1 }], components: [comp('X', null)] }))).toEqual(['missing-price', 'no-arguments']);
    const rows = [
      { id: 'r1', competitor: 'Acme', theirPrice: 100, theirArgument: 'Cheaper', ourAnswer: '', order: 1 },
      { id: 'r2', competitor: 'Beta', theirPrice: null, theirArgument: 'Faster', ourAnswer: 'We are accurate', order: 2 },
    ];
    expect(offerWarnings(offer({ components: [comp('X', 1)], competitors: rows }))).toEqual([{ code: 'competitor-unanswered', params: { competitor: 'Acme' } }]);
  });

  it('shows the warnings on a real offer as it is edited', () => {
    const { doc, ctx } = newPlan();
    const id = must(createOffer(doc, ctx, { name: 'Offer' }));
    const now = () => readOffers(doc).items[0]?.warnings.map((w) => w.code);
    expect(now()).toEqual(['no-components', 'no-segment', 'no-arguments']);
    must(addComponent(doc, ctx, id, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 1000 }));
    must(setBundlePrice(doc, ctx, id, 2000));
    expect(now()).toEqual(['bundle-above-sum', 'no-segment', 'no-arguments']);
    must(addCompetitorRow(doc, ctx, id, { competitor: 'Acme', theirPrice: null, theirArgument: 'Local support', ourAnswer: '' }));
    expect(now()).toContain('competitor-unanswered');
  });
});
