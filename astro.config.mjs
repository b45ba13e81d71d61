// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_GENERATED_DIR, generatedContentDir } from './src/lib/dirs.ts';
import { settings } from './src/lib/settings.ts';

// Read and checked once (src/lib/settings.ts): a value its variable does not take stops here.
const s = settings();


/**
 * Astro's content-layer cache (data store) is kept per content folder: entries whose bytes did
 * not change keep their cached file path, so a cache shared between two content folders (the
 * site's and a test's) would point at the other folder's files.
 */
function cacheDir() {
  const content = path.resolve(generatedContentDir());
  if (content === path.resolve(DEFAULT_GENERATED_DIR)) return './node_modules/.astro';
  return `./node_modules/.astro/content-${createHash('sha1').update(content).digest('hex').slice(0, 10)}`;
}

export default defineConfig({
  // No SITE_URL, no origin: pages then name none (no canonical URL, no sitemap; cite lines use
  // the address the page was opened at). An empty value counts as not set.
  site: s.siteUrl,
  // `SITE_BASE`: the path the site is served under (default `/`), with one leading and one trailing slash.
  base: s.siteBase,
  trailingSlash: 'always',
  // Two pages at a time: a page's file is written while the next one renders, which was faster
  // on the corpus than one at a time. The pages are the same either way.
  build: { format: 'directory', concurrency: 2 },
  outDir: s.astroOutDir,
  cacheDir: cacheDir(),
  integrations: [mdx({ syntaxHighlight: false, optimize: false })],
  markdown: { syntaxHighlight: false },
  // The content is generated (scripts/write-content.ts); no dev toolbar, no prefetch scripts.
  devToolbar: { enabled: false },
  vite: { build: { chunkSizeWarningLimit: 100_000 } },
});
