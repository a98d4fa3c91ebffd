import { createContext, useContext, type ReactNode } from 'react';
import type { LockstepBridge } from '../../shared/ipc/bridge';
import type { LockstepDB } from '../storage';
import type { AttachSync } from './syncSeam';

/** What the composition root hands to every screen. Created once in main.tsx. */
export interface AppServices {
  db: LockstepDB;
  host: LockstepBridge;
  /** Attached to each opened plan; null until the sync integration provides it. */
  attachSync: AttachSync | null;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
