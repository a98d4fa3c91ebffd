import type * as Y from 'yjs';
import { z } from 'zod';
import { asEntity, briefMap } from '../docShape';
import { ROOTS } from '../docShape';

const OverrideSchema = z.object({
  reason: z.string().min(1).max(2000),
  by: z.string().max(200).catch(''),
  byName: z.string().max(200).catch(''),
  at: z.number().finite().catch(0),
});
export type RolloutOverride = z.infer<typeof OverrideSchema>;

/** True when any pilot of the plan has the decision "go". */
export function hasGoPilot(doc: Y.Doc): boolean {
  let found = false;
  doc.getMap<unknown>(ROOTS.pilots).forEach((value) => {
    if (asEntity(value)?.get('decision') === 'go') found = true;
  });
  return found;
}

export function readRolloutOverride(doc: Y.Doc): RolloutOverride | null {
  const parsed = OverrideSchema.safeParse(briefMap(doc).get('rolloutOverride'));
  return parsed.success ? parsed.data : null;
}
