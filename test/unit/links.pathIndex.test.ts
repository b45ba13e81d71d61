import { describe, expect, it } from 'vitest';
import {
  buildPathIndex,
  hasReport,
  reportKeyForClassifiedId,
  reportUrl,
  sourcesOf,
} from '../../src/lib/links/pathIndex.ts';
import { reportPathStem } from '../../src/lib/paths.ts';
import { modelOf } from '../support/memoryTree.ts';
import { linksModel } from '../support/linksTree.ts';

describe('buildPathIndex', () => {
  const index = buildPathIndex(linksModel());

  it('lists ids per source, run slugs, box64/fex sections and renames; no tree paths', () => {
    expect(index.version).toBe(1);
    expect(index.ids.gitlab).toEqual(['2469', '77']);
    expect(index.ids['gitlab-semantic']).toEqual(['gitlab_semantic_bzhi']);
    expect(index.ids.launchpad).toEqual(['1694998', '77']);
    expect(index.ids.mailinglist).toEqual(['02364653']);
    expect(index.ids.box64).toEqual(['12', '2469', '9', 'documentation-9']);
    expect(index.ids.fex).toEqual(['4686']);
    expect(index.ids.unknown).toEqual(['99999']);
    expect(index.runs).toEqual({
      'gemma3:12b': 'gemma3-12b',
      'mode-deepseek-r1:32b': 'mode-deepseek-r1-32b',
      'zero-shot-user-mode': 'zero-shot-user-mode',
      'zero-shot/017': 'zero-shot-017',
    });
    expect(index.sections).toEqual({ box64: ['documentation'] });
    expect(index.renamed).toEqual({ 'box64/documentation/9': 'documentation-9' });
    expect(index.stems).toEqual({});
    expect(JSON.stringify(index)).not.toContain('results/');
  });

  it('is deterministic: the same model gives the same JSON', () => {
    expect(JSON.stringify(buildPathIndex(linksModel()))).toBe(JSON.stringify(index));
  });

  it('resolves a classifier id in the reader’s order: gitlab, gitlab-semantic, launchpad, mailinglist, then unknown', () => {
    expect(reportKeyForClassifiedId(index, '77')).toBe('gitlab/77');
    expect(reportKeyForClassifiedId(index, '02364653')).toBe('mailinglist/02364653');
    expect(reportKeyForClassifiedId(index, '99999')).toBe('unknown/99999');
    // box64/fex ids are never what a classifier file names.
    expect(reportKeyForClassifiedId(index, '4686')).toBeUndefined();
    expect(sourcesOf(index, '2469')).toEqual(['gitlab', 'box64']);
    expect(hasReport(index, 'fex', '4686')).toBe(true);
    expect(hasReport(index, 'fex', '2469')).toBe(false);
  });

  it('report URLs use the stem the content writer uses for ids that are not plain names', () => {
    const odd = buildPathIndex(modelOf({ 'results/scraper/launchpad/odd id': 'Odd\ntext\n', 'results/scraper/launchpad/5': 'Five\n' }));
    const stem = reportPathStem({ source: 'launchpad', id: 'odd id' });
    expect(stem).not.toBe('launchpad/odd id');
    expect(odd.stems).toEqual({ 'launchpad/odd id': stem });
    expect(reportUrl(odd, 'launchpad/odd id')).toBe(`reports/${stem}/`);
    expect(reportUrl(odd, 'launchpad/5')).toBe('reports/launchpad/5/');
  });
});
