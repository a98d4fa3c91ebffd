/** Readable exports of a plan: Markdown and a printable (PDF) view. See docs/export.md. */
export * from './model';
export * from './narrative';
export * from './markdown';
export * from './printable';
export * from './printDom';
export * from './actions';
export * from './scorecardSection';
export * from './translator';
