import type { AttachSync } from '../app/syncSeam';
import { PlanCollab, type CollabDeps } from './planCollab';
import type { CollabRegistry } from './registry';

/**
 * The sync integration for `services.attachSync`: every opened plan gets a PlanCollab, which
 * starts a session only when the plan's library row says it is shared.
 */
export function createAttachSync(deps: CollabDeps, registry: CollabRegistry): AttachSync {
  return (planId, doc) => {
    const collab = new PlanCollab(planId, doc, deps);
    registry.add(collab);
    return {
      dispose: async () => {
        registry.remove(collab);
        await collab.dispose();
      },
    };
  };
}
