export { COMMENT_TARGETS, MAX_COMMENT, type CommentData, type CommentTargetKind } from './schema';
export * from './commands';
export * from './queries';
