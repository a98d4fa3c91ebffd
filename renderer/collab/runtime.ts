/**
 * The collaboration runtime created once by the composition root: the AttachSync for open
 * plans, the registry of open plans' controllers, this device's connection environment and
 * joining. Everything network-facing goes through `startSync` (tests pass a fake).
 */
import type { Invite } from '../../shared/invite';
import type { LockstepBridge } from '../../shared/ipc/bridge';
import type { WorkshopHostInfo } from '../../shared/ipc/contract';
import { err, ok, type Result } from '../../shared/result';
import type { AttachSync } from '../app/syncSeam';
import { getKv, restoreDeleted, getPlan, setKv, type LockstepDB } from '../storage';
import type { PresenceUser } from '../sync/presence';
import { newPlanSecret } from '../sync/roomKeys';
import { createAttachSync } from './attachSync';
import { cleanConnectionSettings, connectionKey, type ConnectionSettings } from './connectionSettings';
import { createCollabEnvironment, type MutableCollabEnvironment } from './environment';
import { joinPlan, type JoinOptions } from './join';
import type { StartSync } from './planCollab';
import { createCollabRegistry, type CollabRegistry } from './registry';

export interface CollabRuntime {
  readonly registry: CollabRegistry;
  readonly environment: MutableCollabEnvironment;
  readonly attachSync: AttachSync;
  join(invite: Invite, options?: JoinOptions): Promise<Result<{ planId: string }>>;
  saveSettings(settings: ConnectionSettings): Promise<Result<ConnectionSettings>>;
  startWorkshop(host: string, port: number): Promise<Result<WorkshopHostInfo>>;
  stopWorkshop(): Promise<Result<void>>;
}

export interface CollabRuntimeOptions {
  db: LockstepDB;
  host: LockstepBridge;
  startSync: StartSync;
  identity: () => PresenceUser | null;
  /** ws:// URL of the workshop host that served this page (browser participants), or null. */
  servedBy: string | null;
  newSecret?: () => Uint8Array;
}

export async function createCollabRuntime(options: CollabRuntimeOptions): Promise<CollabRuntime> {
  const { db, host } = options;
  const environment = createCollabEnvironment(options.servedBy);
  const stored = await getKv(db, connectionKey);
  environment.setSettings(stored.value);
  const registry = createCollabRegistry();
  const attachSync = createAttachSync(
    { db, startSync: options.startSync, environment, identity: options.identity, newSecret: options.newSecret ?? newPlanSecret },
    registry,
  );
  return {
    registry,
    environment,
    attachSync,
    join: async (invite, joinOptions) => {
      const joined = await joinPlan(
        { db, startSync: options.startSync, signalingUrls: () => environment.signalingUrls(), iceServers: () => environment.iceServers() },
        invite,
        joinOptions,
      );
      if (!joined.ok) return joined;
      // Joining a plan that was deleted here earlier brings it back.
      const row = await getPlan(db, joined.value.planId);
      if (row.ok && row.value !== null && !row.value.corrupt && row.value.deletedAt !== null) await restoreDeleted(db, joined.value.planId);
      return joined;
    },
    saveSettings: async (settings) => {
      const clean = cleanConnectionSettings(settings);
      const saved = await setKv(db, connectionKey, clean);
      if (!saved.ok) return err(saved.error.code, saved.error.message);
      environment.setSettings(clean);
      return ok(clean);
    },
    startWorkshop: async (address, port) => {
      const started = await host.startWorkshop(address, port);
      if (started.ok) environment.setWorkshop(started.value);
      return started;
    },
    stopWorkshop: async () => {
      const stopped = await host.stopWorkshop();
      if (stopped.ok) environment.setWorkshop(null);
      return stopped;
    },
  };
}
