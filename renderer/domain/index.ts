/** The plan model over Yjs: the only writer of plan content. */
export * from './context';
export * from './schema';
export { ROOTS, narrativeFragment } from './docShape';
export { readConflicts, type CriticalConflict, type CriticalEdit } from './critical';
export { ACTIVITY_KEEP, readActivity } from './activity';
export { createUndoManager } from './undo';
export * from './commands/plan';
export * from './commands/brief';
export * from './commands/stage';
export * from './commands/segments';
export * from './commands/journey';
export * from './commands/milestones';
export * from './commands/conflicts';
export * from './queries/readPlan';
export * from './queries/gate';
export * from './queries/projector';
export * from './scorecard';
export { recordCriticalEdits, readCriticalHistory } from './critical';
export * from './insights';
// Offers, sales reviews, pilots, comments and the role-aware home (issue 4).
export * from './offers';
export * from './reviews';
export * from './pilots';
export * from './comments';
export * from './home';
export * from './weekly';
export * from './timeline';
