import { registerReviewWorkflowResolvers } from './resolvers';

// confirmConflict routes `offers.*`, `reviews.*` and `pilots.*` paths here.
registerReviewWorkflowResolvers();

export {
  DEFAULT_QUORUM,
  MAX_QUORUM,
  PRICE_PERCEPTIONS,
  REVIEW_TARGETS,
  VERDICTS,
  readQuorum,
  type Person,
  type PricePerception,
  type ReviewAnswer,
  type ReviewRequestData,
  type ReviewTargetKind,
  type Verdict,
} from './schema';
export * from './status';
export * from './commands';
export * from './queries';
export * from './conflictTargets';
