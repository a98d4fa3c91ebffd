import * as Y from 'yjs';
import { z } from 'zod';
import { asEntity, entityFields, ROOTS, type Collection } from '../docShape';
import { LIMITS, enumOr, order, text, timestamp } from '../schema';
import { DEFAULT_CURRENCY, readAmount, readCurrency } from './money';

export const COMPONENT_TYPES = ['hardware', 'software', 'service', 'subscription'] as const;
export type ComponentType = (typeof COMPONENT_TYPES)[number];
export const BILLING_PERIODS = ['one-off', 'monthly', 'yearly'] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];
/** The core is what a customer buys first; add-ons are sold on top of it (the upsell). */
export const COMPONENT_ROLES = ['core', 'add-on'] as const;
export type ComponentRole = (typeof COMPONENT_ROLES)[number];
export const OFFER_LISTS = ['arguments', 'objections'] as const;
export type OfferList = (typeof OFFER_LISTS)[number];

/** Plan-wide offer settings live under `@`-prefixed keys of the offers root; readers skip them. */
export const SETTING_PREFIX = '@';
export const DEFAULT_CURRENCY_KEY = '@defaultCurrency';

export const offersMap = (doc: Y.Doc): Collection => doc.getMap(ROOTS.offers);

const ComponentSchema = z.object({
  name: text(LIMITS.shortText),
  type: enumOr(COMPONENT_TYPES, 'hardware'),
  billing: enumOr(BILLING_PERIODS, 'one-off'),
  role: enumOr(COMPONENT_ROLES, 'add-on'),
  listPrice: z.preprocess(readAmount, z.number().nullable()),
  order,
});
export interface OfferComponent extends z.infer<typeof ComponentSchema> {
  id: string;
}

const ItemSchema = z.object({ text: text(LIMITS.longText), order });
export interface OfferItem extends z.infer<typeof ItemSchema> {
  id: string;
}

const CompetitorSchema = z.object({
  competitor: text(LIMITS.shortText),
  theirPrice: z.preprocess(readAmount, z.number().nullable()),
  theirArgument: text(),
  ourAnswer: text(),
  order,
});
export interface CompetitorRow extends z.infer<typeof CompetitorSchema> {
  id: string;
}

const OfferSchema = z.object({
  name: text(LIMITS.shortText),
  description: text(),
  currency: z.unknown(),
  bundlePrice: z.preprocess(readAmount, z.number().nullable()),
  createdAt: timestamp,
  createdBy: text(LIMITS.shortText),
  createdByName: text(LIMITS.shortText),
  order,
});

export interface RevisionMark {
  id: string;
  /** The review round (request id) the revise answered; '' before any review. */
  afterRequest: string;
  by: string;
  byName: string;
  at: number;
}

/** The offer's content as written; status and warnings are derived from it elsewhere. */
export interface OfferData {
  id: string;
  name: string;
  description: string;
  currency: string;
  bundlePrice: number | null;
  components: OfferComponent[];
  segmentIds: string[];
  arguments: OfferItem[];
  objections: OfferItem[];
  competitors: CompetitorRow[];
  /** Explicit "revise" actions by marketing: each moves the offer back to draft. */
  revisions: RevisionMark[];
  createdAt: number;
  createdBy: string;
  createdByName: string;
  order: number;
  /** Sub-entries a peer wrote in a shape we could not read. */
  skipped: number;
}

function readSub<S extends z.ZodType<{ order: number }>>(parent: Y.Map<unknown>, key: string, schema: S): { items: (z.infer<S> & { id: string })[]; skipped: number } {
  const sub = parent.get(key);
  if (!(sub instanceof Y.Map)) return { items: [], skipped: sub === undefined ? 0 : 1 };
  const items: (z.infer<S> & { id: string })[] = [];
  let skipped = 0;
  sub.forEach((value: unknown, id: string) => {
    const entity = asEntity(value);
    const parsed = entity ? schema.safeParse(entityFields(entity)) : null;
    if (parsed?.success) items.push({ ...parsed.data, id });
    else skipped += 1;
  });
  items.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { items, skipped };
}

const MarkSchema = z.object({ by: text(LIMITS.shortText), byName: text(LIMITS.shortText), at: timestamp, afterRequest: text(100) });

function readRevisions(parent: Y.Map<unknown>): RevisionMark[] {
  const sub = parent.get('revisions');
  if (!(sub instanceof Y.Map)) return [];
  const out: RevisionMark[] = [];
  sub.forEach((value: unknown, id: string) => {
    const parsed = MarkSchema.safeParse(value);
    if (parsed.success && typeof value === 'object' && value !== null) out.push({ ...parsed.data, id });
  });
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

function readKeys(parent: Y.Map<unknown>, key: string): string[] {
  const sub = parent.get(key);
  if (!(sub instanceof Y.Map)) return [];
  const ids: string[] = [];
  sub.forEach((value: unknown, id: string) => {
    if (value === true && id.length <= 100) ids.push(id);
  });
  return ids.sort();
}

export function readDefaultCurrency(doc: Y.Doc): string {
  return readCurrency(offersMap(doc).get(DEFAULT_CURRENCY_KEY), DEFAULT_CURRENCY);
}

export function readOfferData(doc: Y.Doc, id: string, entity: Y.Map<unknown>, defaultCurrency = readDefaultCurrency(doc)): OfferData | null {
  const parsed = OfferSchema.safeParse(entityFields(entity));
  if (!parsed.success) return null;
  const components = readSub(entity, 'components', ComponentSchema);
  const args = readSub(entity, 'arguments', ItemSchema);
  const objections = readSub(entity, 'objections', ItemSchema);
  const competitors = readSub(entity, 'competitors', CompetitorSchema);
  const { currency, ...rest } = parsed.data;
  return {
    ...rest,
    id,
    currency: readCurrency(currency, defaultCurrency),
    components: components.items,
    segmentIds: readKeys(entity, 'segments'),
    arguments: args.items,
    objections: objections.items,
    competitors: competitors.items,
    revisions: readRevisions(entity),
    skipped: components.skipped + args.skipped + objections.skipped + competitors.skipped,
  };
}

/** Every readable offer in order, and how many root entries were unreadable. */
export function readOfferDataList(doc: Y.Doc): { items: OfferData[]; skipped: number } {
  const fallback = readDefaultCurrency(doc);
  const items: OfferData[] = [];
  let skipped = 0;
  offersMap(doc).forEach((value, id) => {
    if (id.startsWith(SETTING_PREFIX)) return;
    const entity = asEntity(value);
    const data = entity ? readOfferData(doc, id, entity, fallback) : null;
    if (data) items.push(data);
    else skipped += 1;
  });
  items.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { items, skipped };
}

export function offerExists(doc: Y.Doc, id: string): boolean {
  return !id.startsWith(SETTING_PREFIX) && asEntity(offersMap(doc).get(id)) !== null;
}
