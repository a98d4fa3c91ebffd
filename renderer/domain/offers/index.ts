export * from './money';
export {
  BILLING_PERIODS,
  COMPONENT_ROLES,
  COMPONENT_TYPES,
  OFFER_LISTS,
  readDefaultCurrency,
  type BillingPeriod,
  type CompetitorRow,
  type ComponentRole,
  type ComponentType,
  type OfferComponent,
  type OfferData,
  type OfferItem,
  type OfferList,
  type RevisionMark,
} from './schema';
export * from './commands';
export * from './warnings';
export * from './queries';
