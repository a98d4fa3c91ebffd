import * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { insertEntity, nextOrder, patchEntity } from '../collection';
import { recordCriticalEdit } from '../critical';
import { asEntity } from '../docShape';
import { LIMITS } from '../schema';
import { writeText } from '../text';
import { transactLocal } from '../transact';
import { readReviewEntries } from '../reviews/schema';
import { validateAmount, validateCurrency } from './money';
import {
  BILLING_PERIODS,
  COMPONENT_ROLES,
  COMPONENT_TYPES,
  DEFAULT_CURRENCY_KEY,
  OFFER_LISTS,
  offersMap,
  readDefaultCurrency,
  SETTING_PREFIX,
  type BillingPeriod,
  type ComponentRole,
  type ComponentType,
  type OfferList,
} from './schema';

/** Critical-field paths; conflicts.ts hands paths starting with `offers.` back to this module. */
export const offerPath = {
  bundlePrice: (offerId: string) => `offers.${offerId}.bundlePrice`,
  currency: (offerId: string) => `offers.${offerId}.currency`,
  status: (offerId: string) => `offers.${offerId}.status`,
  listPrice: (offerId: string, componentId: string) => `offers.${offerId}.components.${componentId}.listPrice`,
};

const line = (value: string): string => value.replace(/[\r\n]+/g, ' ').trim();

function withOffer(doc: Y.Doc, offerId: string, fn: (offer: Y.Map<unknown>) => Result<void>): Result<void> {
  const offer = offerId.startsWith(SETTING_PREFIX) ? null : asEntity(offersMap(doc).get(offerId));
  if (!offer) return err('offer/missing', 'This offer was removed, perhaps by a colleague.');
  return transactLocal(doc, () => fn(offer));
}

function subMap(offer: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  const sub = offer.get(key);
  return sub instanceof Y.Map ? (sub as Y.Map<unknown>) : null;
}

function checkName(name: string, what: string): Result<string> {
  const clean = line(name);
  if (clean === '') return err('offer/name-empty', `Give the ${what} a name.`);
  if (clean.length > LIMITS.shortText) return err('offer/too-long', `Keep the ${what} name under ${LIMITS.shortText} characters.`);
  return ok(clean);
}

export function setDefaultCurrency(doc: Y.Doc, ctx: CommandContext, currency: string): Result<void> {
  const code = validateCurrency(currency);
  if (!code.ok) return code;
  transactLocal(doc, () => {
    (offersMap(doc) as Y.Map<unknown>).set(DEFAULT_CURRENCY_KEY, code.value);
    recordActivity(doc, ctx, 'activity.offer.default-currency', code.value);
  });
  return ok(undefined);
}

export interface NewOffer {
  name: string;
  /** Defaults to the plan's currency (EUR unless changed). */
  currency?: string;
  description?: string;
}

/**
 * Creates an offer with all of its nested maps and texts at once: they are only ever created by
 * the one peer that made the offer, so concurrent first edits cannot replace each other.
 */
export function createOffer(doc: Y.Doc, ctx: CommandContext, input: NewOffer): Result<string> {
  const name = checkName(input.name, 'offer');
  if (!name.ok) return name;
  const currency = validateCurrency(input.currency ?? readDefaultCurrency(doc));
  if (!currency.ok) return currency;
  const description = input.description ?? '';
  if (description.length > LIMITS.longText) return err('offer/too-long', 'The description is too long.');
  const id = ctx.newId();
  transactLocal(doc, () => {
    const offers = offersMap(doc);
    insertEntity(offers, id, {
      name: name.value,
      description: new Y.Text(description),
      currency: currency.value,
      bundlePrice: null,
      createdAt: ctx.now(),
      createdBy: ctx.actor.id,
      createdByName: ctx.actor.name,
      order: nextOrder(offers),
      components: new Y.Map(),
      segments: new Y.Map(),
      arguments: new Y.Map(),
      objections: new Y.Map(),
      competitors: new Y.Map(),
      revisions: new Y.Map(),
    });
    recordActivity(doc, ctx, 'activity.offer.created', name.value);
  });
  return ok(id);
}

export function renameOffer(doc: Y.Doc, ctx: CommandContext, offerId: string, nameInput: string): Result<void> {
  const name = checkName(nameInput, 'offer');
  if (!name.ok) return name;
  return withOffer(doc, offerId, (offer) => {
    if (patchEntity(offer, { name: name.value })) recordActivity(doc, ctx, 'activity.offer.renamed', name.value);
    return ok(undefined);
  });
}

export function setOfferDescription(doc: Y.Doc, ctx: CommandContext, offerId: string, value: string): Result<void> {
  if (value.length > LIMITS.longText) return err('offer/too-long', 'The description is too long.');
  return withOffer(doc, offerId, (offer) => {
    if (writeText(offer, 'description', value)) recordActivity(doc, ctx, 'activity.offer.description', String(offer.get('name') ?? ''));
    return ok(undefined);
  });
}

export function setOfferCurrency(doc: Y.Doc, ctx: CommandContext, offerId: string, currencyInput: string): Result<void> {
  const currency = validateCurrency(currencyInput);
  if (!currency.ok) return currency;
  return withOffer(doc, offerId, (offer) => {
    offer.set('currency', currency.value);
    recordCriticalEdit(doc, ctx, offerPath.currency(offerId), currency.value);
    recordActivity(doc, ctx, 'activity.offer.currency', currency.value);
    return ok(undefined);
  });
}

/** The price of the whole bundle in cents, or null for "no bundle price, sold per component". */
export function setBundlePrice(doc: Y.Doc, ctx: CommandContext, offerId: string, cents: number | null): Result<void> {
  if (cents !== null) {
    const valid = validateAmount(cents);
    if (!valid.ok) return valid;
  }
  return withOffer(doc, offerId, (offer) => {
    offer.set('bundlePrice', cents);
    recordCriticalEdit(doc, ctx, offerPath.bundlePrice(offerId), cents);
    recordActivity(doc, ctx, 'activity.offer.bundle-price', String(offer.get('name') ?? ''));
    return ok(undefined);
  });
}

export interface ComponentInput {
  name: string;
  type: ComponentType;
  billing: BillingPeriod;
  /** Cents; null while unknown. */
  listPrice: number | null;
  /** Defaults to "core" for an offer's first component and "add-on" after that. */
  role?: ComponentRole;
}

function checkComponent(input: Partial<ComponentInput>): Result<Partial<ComponentInput>> {
  const out: Partial<ComponentInput> = { ...input };
  if (input.name !== undefined) {
    const name = checkName(input.name, 'component');
    if (!name.ok) return name;
    out.name = name.value;
  }
  if (input.type !== undefined && !COMPONENT_TYPES.includes(input.type)) return err('offer/bad-type', 'Unknown component type.');
  if (input.billing !== undefined && !BILLING_PERIODS.includes(input.billing)) return err('offer/bad-billing', 'Unknown billing period.');
  if (input.role !== undefined && !COMPONENT_ROLES.includes(input.role)) return err('offer/bad-role', 'Unknown component role.');
  if (input.listPrice !== undefined && input.listPrice !== null) {
    const valid = validateAmount(input.listPrice);
    if (!valid.ok) return valid;
  }
  return ok(out);
}

export function addComponent(doc: Y.Doc, ctx: CommandContext, offerId: string, input: ComponentInput): Result<string> {
  const checked = checkComponent(input);
  if (!checked.ok) return checked;
  const id = ctx.newId();
  const done = withOffer(doc, offerId, (offer) => {
    const components = subMap(offer, 'components');
    if (!components) return err('offer/damaged', 'This offer cannot hold components any more; create a new one.');
    const role = input.role ?? (components.size === 0 ? 'core' : 'add-on');
    insertEntity(components as Y.Map<Y.Map<unknown>>, id, { ...checked.value, role, order: nextOrder(components as Y.Map<Y.Map<unknown>>) });
    if (input.listPrice !== null) recordCriticalEdit(doc, ctx, offerPath.listPrice(offerId, id), input.listPrice);
    recordActivity(doc, ctx, 'activity.offer.component-added', checked.value.name ?? '');
    return ok(undefined);
  });
  return done.ok ? ok(id) : done;
}

export function updateComponent(doc: Y.Doc, ctx: CommandContext, offerId: string, componentId: string, patch: Partial<ComponentInput>): Result<void> {
  const checked = checkComponent(patch);
  if (!checked.ok) return checked;
  return withOffer(doc, offerId, (offer) => {
    const component = asEntity(subMap(offer, 'components')?.get(componentId));
    if (!component) return err('offer/component-missing', 'This component was removed, perhaps by a colleague.');
    const priceChanged = checked.value.listPrice !== undefined && component.get('listPrice') !== checked.value.listPrice;
    const changed = patchEntity(component, checked.value);
    if (priceChanged) recordCriticalEdit(doc, ctx, offerPath.listPrice(offerId, componentId), checked.value.listPrice);
    if (changed) recordActivity(doc, ctx, 'activity.offer.component-updated', String(component.get('name') ?? ''));
    return ok(undefined);
  });
}

export function removeComponent(doc: Y.Doc, ctx: CommandContext, offerId: string, componentId: string): Result<void> {
  return withOffer(doc, offerId, (offer) => {
    const components = subMap(offer, 'components');
    const component = asEntity(components?.get(componentId));
    if (!components || !component) return err('offer/component-missing', 'This component was already removed.');
    components.delete(componentId);
    recordActivity(doc, ctx, 'activity.offer.component-removed', String(component.get('name') ?? ''));
    return ok(undefined);
  });
}

/** Segments are a set keyed by segment id, so two people adding different segments both win. */
export function setOfferSegment(doc: Y.Doc, ctx: CommandContext, offerId: string, segmentId: string, included: boolean): Result<void> {
  if (segmentId === '' || segmentId.length > 100) return err('offer/bad-segment', 'Unknown segment.');
  return withOffer(doc, offerId, (offer) => {
    const segments = subMap(offer, 'segments');
    if (!segments) return err('offer/damaged', 'This offer cannot hold segments any more; create a new one.');
    if (included && segments.get(segmentId) !== true) segments.set(segmentId, true);
    else if (!included && segments.has(segmentId)) segments.delete(segmentId);
    else return ok(undefined);
    recordActivity(doc, ctx, included ? 'activity.offer.segment-added' : 'activity.offer.segment-removed', String(offer.get('name') ?? ''));
    return ok(undefined);
  });
}

/** Sales arguments and expected objections: short lists, one entity per line. */
export function addOfferItem(doc: Y.Doc, ctx: CommandContext, offerId: string, list: OfferList, value: string): Result<string> {
  if (!OFFER_LISTS.includes(list)) return err('offer/bad-list', 'Unknown list.');
  const clean = value.trim();
  if (clean === '') return err('offer/item-empty', 'Write something first.');
  if (clean.length > LIMITS.longText) return err('offer/too-long', 'This text is too long.');
  const id = ctx.newId();
  const done = withOffer(doc, offerId, (offer) => {
    const items = subMap(offer, list) as Y.Map<Y.Map<unknown>> | null;
    if (!items) return err('offer/damaged', 'This offer cannot hold this list any more; create a new one.');
    insertEntity(items, id, { text: clean, order: nextOrder(items) });
    recordActivity(doc, ctx, `activity.offer.${list}-added`, clean.slice(0, LIMITS.shortText));
    return ok(undefined);
  });
  return done.ok ? ok(id) : done;
}

export function updateOfferItem(doc: Y.Doc, ctx: CommandContext, offerId: string, list: OfferList, itemId: string, value: string): Result<void> {
  if (!OFFER_LISTS.includes(list)) return err('offer/bad-list', 'Unknown list.');
  if (value.length > LIMITS.longText) return err('offer/too-long', 'This text is too long.');
  return withOffer(doc, offerId, (offer) => {
    const item = asEntity(subMap(offer, list)?.get(itemId));
    if (!item) return err('offer/item-missing', 'This line was removed, perhaps by a colleague.');
    if (patchEntity(item, { text: value })) recordActivity(doc, ctx, `activity.offer.${list}-updated`, value.slice(0, LIMITS.shortText));
    return ok(undefined);
  });
}

export function removeOfferItem(doc: Y.Doc, ctx: CommandContext, offerId: string, list: OfferList, itemId: string): Result<void> {
  if (!OFFER_LISTS.includes(list)) return err('offer/bad-list', 'Unknown list.');
  return withOffer(doc, offerId, (offer) => {
    const items = subMap(offer, list);
    if (!items?.has(itemId)) return err('offer/item-missing', 'This line was already removed.');
    items.delete(itemId);
    recordActivity(doc, ctx, `activity.offer.${list}-removed`, String(offer.get('name') ?? ''));
    return ok(undefined);
  });
}

export interface CompetitorInput {
  competitor: string;
  /** Cents in the offer's currency; null when unknown. */
  theirPrice: number | null;
  theirArgument: string;
  ourAnswer: string;
}

function checkCompetitor(input: Partial<CompetitorInput>): Result<Partial<CompetitorInput>> {
  const out: Partial<CompetitorInput> = { ...input };
  if (input.competitor !== undefined) {
    const name = checkName(input.competitor, 'competitor');
    if (!name.ok) return name;
    out.competitor = name.value;
  }
  if (input.theirPrice != null) {
    const valid = validateAmount(input.theirPrice);
    if (!valid.ok) return valid;
  }
  for (const key of ['theirArgument', 'ourAnswer'] as const) {
    if ((input[key]?.length ?? 0) > LIMITS.longText) return err('offer/too-long', 'This text is too long.');
  }
  return ok(out);
}

export function addCompetitorRow(doc: Y.Doc, ctx: CommandContext, offerId: string, input: CompetitorInput): Result<string> {
  const checked = checkCompetitor(input);
  if (!checked.ok) return checked;
  const id = ctx.newId();
  const done = withOffer(doc, offerId, (offer) => {
    const rows = subMap(offer, 'competitors') as Y.Map<Y.Map<unknown>> | null;
    if (!rows) return err('offer/damaged', 'This offer cannot hold a competitor comparison any more; create a new one.');
    insertEntity(rows, id, { ...checked.value, order: nextOrder(rows) });
    recordActivity(doc, ctx, 'activity.offer.competitor-added', checked.value.competitor ?? '');
    return ok(undefined);
  });
  return done.ok ? ok(id) : done;
}

export function updateCompetitorRow(doc: Y.Doc, ctx: CommandContext, offerId: string, rowId: string, patch: Partial<CompetitorInput>): Result<void> {
  const checked = checkCompetitor(patch);
  if (!checked.ok) return checked;
  return withOffer(doc, offerId, (offer) => {
    const row = asEntity(subMap(offer, 'competitors')?.get(rowId));
    if (!row) return err('offer/competitor-missing', 'This row was removed, perhaps by a colleague.');
    if (patchEntity(row, checked.value)) recordActivity(doc, ctx, 'activity.offer.competitor-updated', String(row.get('competitor') ?? ''));
    return ok(undefined);
  });
}

export function removeCompetitorRow(doc: Y.Doc, ctx: CommandContext, offerId: string, rowId: string): Result<void> {
  return withOffer(doc, offerId, (offer) => {
    const rows = subMap(offer, 'competitors');
    if (!rows?.has(rowId)) return err('offer/competitor-missing', 'This row was already removed.');
    rows.delete(rowId);
    recordActivity(doc, ctx, 'activity.offer.competitor-removed', String(offer.get('name') ?? ''));
    return ok(undefined);
  });
}

/**
 * Marketing takes the offer back to draft to rework it (after changes were requested, or to
 * change an approved offer). Recorded as its own entry so the status stays a pure function of
 * reviews and these marks; the next review request puts it back in review.
 */
export function reviseOffer(doc: Y.Doc, ctx: CommandContext, offerId: string): Result<void> {
  return withOffer(doc, offerId, (offer) => {
    const revisions = subMap(offer, 'revisions');
    if (!revisions) return err('offer/damaged', 'This offer cannot be revised any more; create a new one.');
    // Naming the round it answers (rather than comparing clocks) keeps the status right when
    // laptops' clocks disagree.
    const round = readReviewEntries(doc).requests.filter((r) => r.targetKind === 'offer' && r.targetId === offerId).pop();
    revisions.set(ctx.newId(), { by: ctx.actor.id, byName: ctx.actor.name, at: ctx.now(), afterRequest: round?.id ?? '' });
    recordCriticalEdit(doc, ctx, offerPath.status(offerId), 'draft');
    recordActivity(doc, ctx, 'activity.offer.revised', String(offer.get('name') ?? ''));
    return ok(undefined);
  });
}

/** Reviews that point at a removed offer are kept: they show "the offer was removed". */
export function removeOffer(doc: Y.Doc, ctx: CommandContext, offerId: string): Result<void> {
  const offers = offersMap(doc);
  const offer = offerId.startsWith(SETTING_PREFIX) ? null : asEntity(offers.get(offerId));
  if (!offer) return err('offer/missing', 'This offer was already removed.');
  transactLocal(doc, () => {
    offers.delete(offerId);
    recordActivity(doc, ctx, 'activity.offer.removed', String(offer.get('name') ?? ''));
  });
  return ok(undefined);
}
