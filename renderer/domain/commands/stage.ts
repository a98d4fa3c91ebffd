import type * as Y from 'yjs';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandContext } from '../context';
import { recordActivity } from '../activity';
import { recordCriticalEdit } from '../critical';
import { briefMap } from '../docShape';
import { hasGoPilot, readRolloutOverride } from '../queries/gate';
import { STAGES, type Stage } from '../schema';
import { transactLocal } from '../transact';

export const GATED_STAGES: readonly Stage[] = ['rollout', 'evaluation'];

export interface StageChange {
  stage: Stage;
  /** Needed to pass the rollout gate without a pilot decided "go". */
  overrideReason?: string;
}

/**
 * Moves the plan to another stage. Rollout (and Evaluation, which follows it) needs a pilot
 * decided "go", or an override with a written reason that stays visible on the plan.
 */
export function changeStage(doc: Y.Doc, ctx: CommandContext, change: StageChange): Result<void> {
  if (!STAGES.includes(change.stage)) return err('stage/unknown', 'Unknown stage.');
  const gated = GATED_STAGES.includes(change.stage);
  const reason = change.overrideReason?.trim() ?? '';
  if (gated && !hasGoPilot(doc) && !readRolloutOverride(doc) && reason === '') {
    return err(
      'stage/gate',
      'Rollout needs a pilot decided "go". Run a pilot first, or override with a written reason.',
    );
  }
  transactLocal(doc, () => {
    const brief = briefMap(doc);
    if (gated && reason !== '' && !hasGoPilot(doc)) {
      brief.set('rolloutOverride', { reason: reason.slice(0, 2000), by: ctx.actor.id, byName: ctx.actor.name, at: ctx.now() });
      recordActivity(doc, ctx, 'activity.stage.override', reason.slice(0, 200));
    }
    brief.set('stage', change.stage);
    recordCriticalEdit(doc, ctx, 'brief.stage', change.stage);
    recordActivity(doc, ctx, 'activity.stage.changed', change.stage);
  });
  return ok(undefined);
}
