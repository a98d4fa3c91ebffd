import type * as Y from 'yjs';
import { err, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { readConflicts } from '../critical';
import { changeStage } from './stage';
import { setTargetDate } from './brief';
import { updateMilestone } from './milestones';
import { STAGES, type Stage } from '../schema';

/**
 * Confirms one of the concurrent values of a business-critical field. Writing it again through
 * its normal command records an edit that replaces every open head, which closes the conflict
 * on every peer once it syncs.
 */
export function confirmConflict(doc: Y.Doc, ctx: CommandContext, path: string, value: unknown): Result<void> {
  if (!readConflicts(doc).some((c) => c.path === path)) return err('conflict/missing', 'This conflict was already resolved.');
  if (path === 'brief.stage') {
    if (typeof value !== 'string' || !STAGES.includes(value as Stage)) return err('conflict/bad-value', 'That value cannot be kept.');
    return changeStage(doc, ctx, { stage: value as Stage });
  }
  if (path === 'brief.targetDate') return setTargetDate(doc, ctx, typeof value === 'string' ? value : null);
  const milestone = /^milestones\.([^.]+)\.date$/.exec(path);
  if (milestone?.[1]) return updateMilestone(doc, ctx, milestone[1], { date: typeof value === 'string' ? value : null });
  const resolver = resolvers.get(path.split('.')[0] ?? '');
  return resolver ? resolver(doc, ctx, path, value) : err('conflict/unknown-field', 'Lockstep does not know this field; it was left as it is.');
}

type Resolver = (doc: Y.Doc, ctx: CommandContext, path: string, value: unknown) => Result<void>;
const resolvers = new Map<string, Resolver>();

/** Feature modules (offers, pilots, scorecard) register how to re-write their critical fields. */
export function registerConflictResolver(root: string, resolver: Resolver): void {
  resolvers.set(root, resolver);
}
