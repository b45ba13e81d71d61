import { describe, expect, it } from 'vitest';
import { relativeToBase } from '../../src/client/resolveLegacy.ts';

describe('relativeToBase (the 404 page reads its path relative to the site base)', () => {
  it('strips the base, keeps the rest as the browser sent it', () => {
    expect(relativeToBase('/archive/tree/results/classifier/operating%20system/1', '/archive/')).toBe('tree/results/classifier/operating%20system/1');
    expect(relativeToBase('/archive/2469', '/archive/')).toBe('2469');
    expect(relativeToBase('/archive', '/archive/')).toBe('');
    expect(relativeToBase('/2469', '/')).toBe('2469');
  });

  it('a path outside the base (a host serving one 404 page for everything) is taken whole', () => {
    expect(relativeToBase('/elsewhere/results/scraper/launchpad/1', '/archive/')).toBe('elsewhere/results/scraper/launchpad/1');
  });
});
