/**
 * Renders GitLab markdown into the render cache with worker threads, before the content writer
 * asks for it. The content writer renders synchronously, one text at a time, on one core; on a
 * cold cache the corpus's ≈4,000 texts are much of its time, and the machine's other cores are
 * idle then. The workers use the same renderer and cache (src/lib/content/markdown.ts), so what
 * the writer then reads is byte for byte what it would have rendered.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { interleavedShares, runInWorker } from './lib/workers.ts';
import { createMarkdownRenderer, renderCacheFile, type RenderContext } from '../src/lib/content/markdown.ts';

/** A text and what it is rendered for (as the content writer will ask for it). */
export type PrerenderText = string | { readonly text: string; readonly context?: RenderContext };

interface Job {
  readonly cacheDir: string;
  readonly texts: readonly PrerenderText[];
}

const textOf = (t: PrerenderText) => (typeof t === 'string' ? t : t.text);
const contextOf = (t: PrerenderText) => (typeof t === 'string' ? undefined : t.context);

/**
 * Renders into `cacheDir` every text of `texts` it does not hold yet, split over `threads`
 * workers; returns how many it rendered.
 */
export async function prerenderMarkdown(texts: Iterable<PrerenderText>, cacheDir: string, threads = availableParallelism()): Promise<number> {
  // Only the texts the cache lacks are kept (the reports' markdown is read one report at a time).
  const missingByFile = new Map<string, PrerenderText>();
  for (const t of texts) {
    const file = renderCacheFile(cacheDir, textOf(t), contextOf(t));
    if (!missingByFile.has(file) && !existsSync(file)) missingByFile.set(file, t);
  }
  const missing = [...missingByFile.values()];
  if (missing.length === 0) return 0;
  const n = Math.max(1, Math.min(threads, missing.length));
  const rendered = await Promise.all(interleavedShares(missing, n).map((texts) => runInWorker<number>(new URL(import.meta.url), { cacheDir, texts } satisfies Job)));
  return rendered.reduce((a, b) => a + b, 0);
}

if (!isMainThread && parentPort) {
  const { cacheDir, texts } = workerData as Job;
  const render = createMarkdownRenderer({ cacheDir });
  for (const text of texts) render(textOf(text), contextOf(text));
  parentPort.postMessage(texts.length);
}
