import type { BillingPeriod, OfferComponent, OfferData } from './schema';

/**
 * Plausibility checks a salesperson would raise, as data: `code` names an i18n key
 * (`offers.warning.<code>`), `params` fill it in. Amounts are cents in `currency`.
 *
 * Thresholds (why these numbers):
 * - ADDON_RATIO_LIMIT = 2: an add-on whose first-year price is more than twice the product it
 *   extends is no longer an "extra" — it needs its own budget and buying decision. The brief's
 *   real case (device €4,000, software €30,000 = 7.5×) stayed on the shelf.
 * - DEEP_DISCOUNT_LIMIT = 0.5: a bundle below half of its list prices makes the list prices
 *   unbelievable; sales will be asked for the same discount on single components.
 */
export const ADDON_RATIO_LIMIT = 2;
export const DEEP_DISCOUNT_LIMIT = 0.5;

export type OfferWarningCode =
  | 'addon-multiple'
  | 'bundle-above-sum'
  | 'bundle-deep-discount'
  | 'bundle-mixed-billing'
  | 'no-components'
  | 'missing-price'
  | 'no-segment'
  | 'no-arguments'
  | 'competitor-unanswered';

export interface OfferWarning {
  code: OfferWarningCode;
  params: Record<string, string | number>;
}

const YEAR_FACTOR: Record<BillingPeriod, number> = { 'one-off': 1, monthly: 12, yearly: 1 };

/** What a component costs the customer in the first year; makes one-off and recurring comparable. */
export function firstYearValue(component: Pick<OfferComponent, 'listPrice' | 'billing'>): number | null {
  return component.listPrice === null ? null : component.listPrice * YEAR_FACTOR[component.billing];
}

export interface OfferTotals {
  /** Sum of first-year values of all priced components. */
  firstYear: number;
  oneOff: number;
  monthly: number;
  yearly: number;
  /** List total minus bundle price (negative when the bundle costs more); null without bundle price. */
  discount: number | null;
  /** discount / list total, 0..1 (negative for a bundle above its parts); null when not meaningful. */
  discountRatio: number | null;
}

export function offerTotals(offer: Pick<OfferData, 'components' | 'bundlePrice'>): OfferTotals {
  const totals = { firstYear: 0, oneOff: 0, monthly: 0, yearly: 0 };
  for (const c of offer.components) {
    if (c.listPrice === null) continue;
    totals.firstYear += firstYearValue(c) ?? 0;
    if (c.billing === 'one-off') totals.oneOff += c.listPrice;
    else if (c.billing === 'monthly') totals.monthly += c.listPrice;
    else totals.yearly += c.listPrice;
  }
  const discount = offer.bundlePrice === null || totals.firstYear === 0 ? null : totals.firstYear - offer.bundlePrice;
  return { ...totals, discount, discountRatio: discount === null ? null : discount / totals.firstYear };
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function coreComponents(components: readonly OfferComponent[]): OfferComponent[] {
  const cores = components.filter((c) => c.role === 'core');
  const first = components[0];
  return cores.length > 0 ? cores : first ? [first] : [];
}

export function offerWarnings(offer: OfferData): OfferWarning[] {
  const out: OfferWarning[] = [];
  const currency = offer.currency;
  if (offer.components.length === 0) out.push({ code: 'no-components', params: {} });
  for (const c of offer.components) if (c.listPrice === null) out.push({ code: 'missing-price', params: { component: c.name } });

  const cores = coreComponents(offer.components);
  const coreValue = cores.reduce((sum, c) => sum + (firstYearValue(c) ?? 0), 0);
  if (coreValue > 0) {
    for (const addon of offer.components) {
      if (cores.includes(addon)) continue;
      const value = firstYearValue(addon);
      if (value === null) continue;
      const ratio = value / coreValue;
      if (ratio > ADDON_RATIO_LIMIT) {
        out.push({
          code: 'addon-multiple',
          params: { addon: addon.name, core: cores.map((c) => c.name).join(', '), ratio: round1(ratio), addonPrice: value, corePrice: coreValue, currency },
        });
      }
    }
  }

  const totals = offerTotals(offer);
  if (offer.bundlePrice !== null && totals.firstYear > 0) {
    if (offer.bundlePrice > totals.firstYear) {
      out.push({ code: 'bundle-above-sum', params: { bundle: offer.bundlePrice, sum: totals.firstYear, currency } });
    } else if (totals.discountRatio !== null && totals.discountRatio > DEEP_DISCOUNT_LIMIT) {
      out.push({ code: 'bundle-deep-discount', params: { percent: Math.round(totals.discountRatio * 100), bundle: offer.bundlePrice, sum: totals.firstYear, currency } });
    }
    const priced = offer.components.filter((c) => c.listPrice !== null);
    const recurring = priced.some((c) => c.billing !== 'one-off');
    const oneOff = priced.some((c) => c.billing === 'one-off');
    if (recurring && oneOff) out.push({ code: 'bundle-mixed-billing', params: { oneOff: totals.oneOff, monthly: totals.monthly, yearly: totals.yearly, currency } });
  }

  if (offer.segmentIds.length === 0) out.push({ code: 'no-segment', params: {} });
  if (!offer.arguments.some((a) => a.text.trim() !== '')) out.push({ code: 'no-arguments', params: {} });
  for (const row of offer.competitors) {
    if (row.theirArgument.trim() !== '' && row.ourAnswer.trim() === '') out.push({ code: 'competitor-unanswered', params: { competitor: row.competitor } });
  }
  return out;
}
