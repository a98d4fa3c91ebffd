/** Plan history: snapshots, read-only views, comparison, restore as a new edit, activity feed. */
export * from './snapshotStore';
export * from './snapshotDoc';
export * from './compare';
export * from './restore';
export * from './autoSnapshot';
export * from './activityFeed';
export * from './describe';
