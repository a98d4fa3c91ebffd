import type { SliceCreator } from '../state/sliceTypes';

export type Route =
  | { name: 'library' }
  | { name: 'settings' }
  | { name: 'portfolio' }
  | { name: 'plan'; planId: string; section: string };

export interface RouteSlice {
  route: Route;
  navigate: (route: Route) => void;
}

export const createRouteSlice: SliceCreator<RouteSlice> = (set) => ({
  route: { name: 'library' },
  navigate: (route) => set({ route }),
});

/** Routes live in the hash (`#/plan/<id>/<section>`) so a reload reopens the same place in app:// and http://. */
export function routeToHash(route: Route): string {
  switch (route.name) {
    case 'library':
      return '#/';
    case 'settings':
      return '#/settings';
    case 'portfolio':
      return '#/portfolio';
    case 'plan':
      return `#/plan/${encodeURIComponent(route.planId)}/${encodeURIComponent(route.section)}`;
  }
}

export function hashToRoute(hash: string): Route | null {
  if (hash === '' || hash === '#' || hash === '#/') return { name: 'library' };
  if (hash === '#/settings') return { name: 'settings' };
  if (hash === '#/portfolio') return { name: 'portfolio' };
  const match = /^#\/plan\/([^/]+)(?:\/([^/]+))?$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return { name: 'plan', planId: decodeURIComponent(match[1]), section: decodeURIComponent(match[2] ?? 'brief') };
  } catch {
    return null;
  }
}
