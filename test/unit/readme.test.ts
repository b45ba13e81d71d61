/**
 * The README names files and folders of this repository (`src/lib/paths.ts`, `scripts/incremental/`,
 * `src/pages/data/[...file].ts`): each must exist, so a moved or renamed file cannot leave the
 * README pointing at nothing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/builtSite.ts';

const README = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const TOP = /^(?:src|scripts|test|public|content|sample|\.ci)\//;
const TOP_FILES = new Set(['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'vitest.config.ts']);

/** Every repository path in a code span of the README (placeholders like `<slug>` and globs left out). */
function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const paths = new Set<string>();
  for (const span of spans) {
    for (const token of span.split(/[\s,()]+/)) {
      const t = token.replace(/[.:;]$/, '');
      if (!(TOP.test(t) || TOP_FILES.has(t))) continue;
      if (/[<>*…{}]/.test(t)) continue;
      paths.add(t);
    }
  }
  return [...paths].sort();
}

describe('the README', () => {
  it('names only files and folders that exist', () => {
    const named = namedPaths(README);
    expect(named.length).toBeGreaterThan(40);
    const missing = named.filter((p) => !existsSync(path.join(repoRoot, p)) || (p.endsWith('/') && !statSync(path.join(repoRoot, p)).isDirectory()));
    expect(missing).toEqual([]);
  });

  it('finds the paths in code spans, and leaves placeholders out', () => {
    expect(namedPaths('see `src/lib/paths.ts` and `scripts/incremental/`, `runs/<slug>/x.csv`, `astro.config.mjs`.')).toEqual(['astro.config.mjs', 'scripts/incremental/', 'src/lib/paths.ts']);
    expect(namedPaths('`src/pages/runs/[slug]/<label>/` and `test/site/*.test.ts`')).toEqual([]);
  });
});
