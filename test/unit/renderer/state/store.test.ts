import { describe, expect, it } from 'vitest';
import { hashToRoute, routeToHash, type Route } from '../../../../renderer/app/routeSlice';
import { createAppStore } from '../../../../renderer/state/store';

describe('the app store', () => {
  it('starts on the library with nothing loaded', () => {
    const store = createAppStore();
    const s = store.getState();
    expect(s.route).toEqual({ name: 'library' });
    expect(s.libraryLoad).toEqual({ state: 'loading' });
    expect(s.profile).toBeNull();
  });

  it('keeps at most four toasts and replaces a progress toast by its outcome', () => {
    const store = createAppStore();
    const progress = store.getState().showToast({ tone: 'progress', message: 'Copying…' });
    store.getState().showToast({ tone: 'success', message: 'Copied' }, progress);
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['Copied']);
    for (let i = 0; i < 6; i += 1) store.getState().showToast({ tone: 'info', message: `n${i}` });
    expect(store.getState().toasts.map((t) => t.message)).toEqual(['n2', 'n3', 'n4', 'n5']);
    const first = store.getState().toasts[0];
    if (first) store.getState().dismissToast(first.id);
    expect(store.getState().toasts).toHaveLength(3);
  });

  it('marks the library ready when rows arrive', () => {
    const store = createAppStore();
    store.getState().setLibrary([]);
    expect(store.getState().libraryLoad).toEqual({ state: 'ready' });
  });
});

describe('hash routes', () => {
  const routes: Route[] = [
    { name: 'library' },
    { name: 'settings' },
    { name: 'plan', planId: 'a/b c', section: 'journey' },
  ];
  it('round-trip', () => {
    for (const route of routes) expect(hashToRoute(routeToHash(route))).toEqual(route);
  });
  it('ignore fragments that are not routes (e.g. an invite) and bad escapes', () => {
    expect(hashToRoute('#join=abc')).toBeNull();
    expect(hashToRoute('#/plan/%E0%A4%A')).toBeNull();
    expect(hashToRoute('')).toEqual({ name: 'library' });
    expect(hashToRoute('#/plan/p1')).toEqual({ name: 'plan', planId: 'p1', section: 'brief' });
  });
});
