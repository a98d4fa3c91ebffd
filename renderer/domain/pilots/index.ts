export {
  COHORT_KINDS,
  COMPARISONS,
  MAX_METRIC,
  PILOT_DECISIONS,
  PILOT_SETS,
  type CohortKind,
  type CohortMember,
  type Comparison,
  type Criterion,
  type DecisionRecord,
  type PilotData,
  type PilotDecision,
  type PilotSet,
  type WeeklyResult,
} from './schema';
export * from './commands';
export * from './queries';
