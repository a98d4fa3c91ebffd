import { describe, expect, it } from 'vitest';
import { hashToRoute, routeToHash } from '../../../../../renderer/app/routeSlice';

describe('portfolio route', () => {
  it('lives at #/portfolio and survives a reload', () => {
    expect(routeToHash({ name: 'portfolio' })).toBe('#/portfolio');
    expect(hashToRoute('#/portfolio')).toEqual({ name: 'portfolio' });
    expect(hashToRoute('#/portfolio/extra')).toBeNull();
  });
});
