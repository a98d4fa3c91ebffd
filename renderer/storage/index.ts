export * from './db';
export * from './errors';
export * from './docPersistence';
export * from './docUpdates';
export * from './library';
export * from './kv';
export * from './updateBytes';
