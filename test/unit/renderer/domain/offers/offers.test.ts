import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCompetitorRow,
  addComponent,
  addOfferItem,
  confirmConflict,
  createOffer,
  MAX_AMOUNT,
  parseMoneyInput,
  readOffers,
  readPlan,
  removeComponent,
  renameOffer,
  setBundlePrice,
  setDefaultCurrency,
  setOfferCurrency,
  setOfferDescription,
  setOfferSegment,
  updateComponent,
  updateCompetitorRow,
  validateAmount,
} from '../../../../../renderer/domain';
import { must, newPlan, team } from './helpers';

const offerOf = (doc: Y.Doc, id: string) => {
  const offer = readOffers(doc).items.find((o) => o.id === id);
  if (!offer) throw new Error(`offer ${id} not readable`);
  return offer;
};

describe('offers: content', () => {
  it('creates an offer in the plan currency with every part editable', () => {
    const { doc, ctx } = newPlan();
    const id = must(createOffer(doc, ctx, { name: '  Meter Pro bundle ' }));
    must(setOfferDescription(doc, ctx, id, 'Device plus analysis software'));
    const device = must(addComponent(doc, ctx, id, { name: 'Meter Pro', type: 'hardware', billing: 'one-off', listPrice: 400_000 }));
    const software = must(addComponent(doc, ctx, id, { name: 'Analysis suite', type: 'software', billing: 'one-off', listPrice: 3_000_000 }));
    must(addOfferItem(doc, ctx, id, 'arguments', 'Saves a lab technician a day per week'));
    must(addOfferItem(doc, ctx, id, 'objections', 'Too expensive for small labs'));
    must(setOfferSegment(doc, ctx, id, 'seg-labs', true));
    must(addCompetitorRow(doc, ctx, id, { competitor: 'Acme', theirPrice: 350_000, theirArgument: 'Cheaper device', ourAnswer: 'Ours includes calibration' }));
    const offer = offerOf(doc, id);
    expect(offer).toMatchObject({ name: 'Meter Pro bundle', description: 'Device plus analysis software', currency: 'EUR', bundlePrice: null, segmentIds: ['seg-labs'] });
    expect(offer.components.map((c) => [c.id, c.role, c.listPrice])).toEqual([
      [device, 'core', 400_000],
      [software, 'add-on', 3_000_000],
    ]);
    expect(offer.arguments.map((a) => a.text)).toEqual(['Saves a lab technician a day per week']);
    expect(offer.objections.map((a) => a.text)).toEqual(['Too expensive for small labs']);
    expect(offer.competitors[0]).toMatchObject({ competitor: 'Acme', theirPrice: 350_000, ourAnswer: 'Ours includes calibration' });
    expect(offer.totals).toMatchObject({ firstYear: 3_400_000, oneOff: 3_400_000, discount: null });
    expect(offer.status).toMatchObject({ status: 'draft', byName: 'Mia', round: 0 });
    must(removeComponent(doc, ctx, id, software));
    expect(offerOf(doc, id).components).toHaveLength(1);
    expect(removeComponent(doc, ctx, id, software)).toMatchObject({ ok: false, error: { code: 'offer/component-missing' } });
  });

  it('uses the plan default currency and validates ISO codes', () => {
    const { doc, ctx } = newPlan();
    expect(setDefaultCurrency(doc, ctx, 'SEK').ok).toBe(true);
    const id = must(createOffer(doc, ctx, { name: 'Nordic' }));
    expect(offerOf(doc, id).currency).toBe('SEK');
    expect(createOffer(doc, ctx, { name: 'x', currency: '' })).toMatchObject({ ok: false, error: { code: 'money/currency-missing' } });
    expect(createOffer(doc, ctx, { name: 'x', currency: 'EURO' })).toMatchObject({ ok: false, error: { code: 'money/currency-unknown' } });
    expect(createOffer(doc, ctx, { name: 'x', currency: 'QQQ' })).toMatchObject({ ok: false, error: { code: 'money/currency-unknown' } });
    expect(setOfferCurrency(doc, ctx, id, 'usd').ok).toBe(true);
    expect(offerOf(doc, id).currency).toBe('USD');
    expect(setDefaultCurrency(doc, ctx, 'nope').ok).toBe(false);
    expect(readOffers(doc).defaultCurrency).toBe('SEK');
  });

  it('rejects negative, NaN, fractional and absurd amounts with plain words', () => {
    const { doc, ctx } = newPlan();
    const id = must(createOffer(doc, ctx, { name: 'Offer' }));
    const cases: [number, string][] = [
      [-1, 'money/negative'],
      [Number.NaN, 'money/not-a-number'],
      [Number.POSITIVE_INFINITY, 'money/too-large'],
      [MAX_AMOUNT + 1, 'money/too-large'],
      [10.5, 'money/fraction'],
    ];
    for (const [amount, code] of cases) {
      const result = setBundlePrice(doc, ctx, id, amount);
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toMatch(/^[A-Z][^{}]+\.$/);
      expect(addComponent(doc, ctx, id, { name: 'c', type: 'service', billing: 'one-off', listPrice: amount })).toMatchObject({ ok: false, error: { code } });
      expect(addCompetitorRow(doc, ctx, id, { competitor: 'c', theirPrice: amount, theirArgument: '', ourAnswer: '' }).ok).toBe(false);
    }
    expect(validateAmount(MAX_AMOUNT)).toEqual({ ok: true, value: MAX_AMOUNT });
    expect(offerOf(doc, id)).toMatchObject({ bundlePrice: null, components: [], competitors: [] });
  });

  it('parses money typed in each locale into cents', () => {
    expect(parseMoneyInput('30.000', 'nl-NL')).toEqual({ ok: true, value: 3_000_000 });
    expect(parseMoneyInput('€ 4.000,50', 'nl-NL')).toEqual({ ok: true, value: 400_050 });
    expect(parseMoneyInput('30 000,5', 'fi-FI')).toEqual({ ok: true, value: 3_000_050 });
    expect(parseMoneyInput('4,000.00', 'en-GB')).toEqual({ ok: true, value: 400_000 });
    expect(parseMoneyInput('-5', 'en-GB')).toMatchObject({ ok: false, error: { code: 'money/negative' } });
    expect(parseMoneyInput('abc', 'en-GB')).toMatchObject({ ok: false, error: { code: 'money/not-a-number' } });
    expect(parseMoneyInput('1.234', 'en-GB')).toMatchObject({ ok: false });
    expect(parseMoneyInput('99999999999999', 'en-GB')).toMatchObject({ ok: false, error: { code: 'money/too-large' } });
  });

  it('refuses edits to an offer a colleague removed, and empty names', () => {
    const { doc, ctx } = newPlan();
    expect(renameOffer(doc, ctx, 'nope', 'x')).toMatchObject({ ok: false, error: { code: 'offer/missing' } });
    expect(renameOffer(doc, ctx, '@defaultCurrency', 'x')).toMatchObject({ ok: false, error: { code: 'offer/missing' } });
    expect(createOffer(doc, ctx, { name: '   ' })).toMatchObject({ ok: false, error: { code: 'offer/name-empty' } });
    const id = must(createOffer(doc, ctx, { name: 'Offer' }));
    expect(updateCompetitorRow(doc, ctx, id, 'nope', { ourAnswer: 'x' })).toMatchObject({ ok: false, error: { code: 'offer/competitor-missing' } });
    expect(updateComponent(doc, ctx, id, 'nope', { listPrice: 5 })).toMatchObject({ ok: false, error: { code: 'offer/component-missing' } });
  });
});

describe('offers: concurrent edits', () => {
  it('merges segments and components added on two laptops', () => {
    const { mia, sam, sync } = team();
    const id = must(createOffer(mia.doc, mia.ctx, { name: 'Offer' }));
    sync();
    must(setOfferSegment(mia.doc, mia.ctx, id, 'seg-a', true));
    must(setOfferSegment(sam.doc, sam.ctx, id, 'seg-b', true));
    must(addComponent(mia.doc, mia.ctx, id, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 100 }));
    must(addComponent(sam.doc, sam.ctx, id, { name: 'Support', type: 'service', billing: 'yearly', listPrice: 50 }));
    sync();
    for (const doc of [mia.doc, sam.doc]) {
      const offer = offerOf(doc, id);
      expect(offer.segmentIds).toEqual(['seg-a', 'seg-b']);
      expect(offer.components.map((c) => c.name).sort()).toEqual(['Device', 'Support']);
    }
  });

  it('flags concurrent bundle and component price changes as conflicts and resolves them', () => {
    const { mia, sam, sync } = team();
    const id = must(createOffer(mia.doc, mia.ctx, { name: 'Offer' }));
    const comp = must(addComponent(mia.doc, mia.ctx, id, { name: 'Device', type: 'hardware', billing: 'one-off', listPrice: 400_000 }));
    sync();
    must(setBundlePrice(mia.doc, mia.ctx, id, 380_000));
    must(setBundlePrice(sam.doc, sam.ctx, id, 350_000));
    must(updateComponent(mia.doc, mia.ctx, id, comp, { listPrice: 410_000 }));
    must(updateComponent(sam.doc, sam.ctx, id, comp, { listPrice: 390_000 }));
    sync();
    const paths = [`offers.${id}.bundlePrice`, `offers.${id}.components.${comp}.listPrice`];
    expect(readPlan(mia.doc).conflicts.map((c) => c.path)).toEqual(paths);
    const offer = offerOf(sam.doc, id);
    expect(offer.conflicts.map((c) => c.path)).toEqual(paths);
    expect(offer.conflicts[0]?.candidates.map((c) => [c.value, c.byName])).toEqual([
      [350_000, 'Sam'],
      [380_000, 'Mia'],
    ]);
    // Keeping the value Yjs already chose still closes the conflict.
    const kept = offerOf(mia.doc, id).bundlePrice;
    must(confirmConflict(mia.doc, mia.ctx, paths[0] ?? '', kept));
    must(confirmConflict(sam.doc, sam.ctx, paths[1] ?? '', 390_000));
    sync();
    expect(readPlan(sam.doc).conflicts).toEqual([]);
    expect(offerOf(mia.doc, id)).toMatchObject({ bundlePrice: kept });
    expect(offerOf(mia.doc, id).components[0]?.listPrice).toBe(390_000);
    expect(confirmConflict(mia.doc, mia.ctx, `offers.${id}.bundlePrice`, -5)).toMatchObject({ ok: false });
  });
});
