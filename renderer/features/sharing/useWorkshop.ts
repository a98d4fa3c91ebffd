import { useSyncExternalStore } from 'react';
import type { WorkshopHostInfo } from '../../../shared/ipc/contract';
import { useCollabRuntime } from '../connection/collabContext';

const noop = (): (() => void) => () => undefined;

/** The workshop this app is hosting right now, or null. */
export function useWorkshop(): WorkshopHostInfo | null {
  const runtime = useCollabRuntime();
  return useSyncExternalStore(runtime ? runtime.environment.subscribe : noop, () => runtime?.environment.workshop() ?? null);
}
