/** CSV import/export of scorecard actuals: pure, no React. Nothing is written before applyImport. */
export * from './decode';
export * from './parse';
export * from './cells';
export * from './mapping';
export * from './validate';
export * from './exportCsv';
