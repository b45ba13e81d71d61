/**
 * Incremental writer: makes `outDir` hold exactly `files`, writing only files whose bytes
 * changed (so Astro's content cache and file watchers see no churn) and deleting stale ones.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entriesBelow } from '../files.ts';

export interface WriteStats {
  written: number;
  unchanged: number;
  deleted: number;
  total: number;
}

/** Files never touched by the writer (kept even if not in `files`). */
const KEEP = new Set(['README.md']);

function removeEmptyDirs(dir: string, isRoot = true): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!removeEmptyDirs(path.join(dir, e.name), false)) empty = false;
    } else empty = false;
  }
  if (empty && !isRoot) rmdirSync(dir);
  return empty;
}

export function writeContent(outDir: string, files: ReadonlyMap<string, string>): WriteStats {
  const stats: WriteStats = { written: 0, unchanged: 0, deleted: 0, total: files.size };
  mkdirSync(outDir, { recursive: true });
  const root = path.resolve(outDir);
  const made = new Set<string>();
  for (const [rel, text] of files) {
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) throw new Error(`content path escapes ${outDir}: ${rel}`);
    const bytes = Buffer.from(text, 'utf8');
    let same = false;
    try {
      const st = statSync(file);
      same = st.size === bytes.length && readFileSync(file).equals(bytes);
    } catch {
      same = false;
    }
    if (same) {
      stats.unchanged++;
      continue;
    }
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    // A write cut short leaves different bytes, which the next run rewrites.
    writeFileSync(file, bytes);
    stats.written++;
  }
  for (const { rel } of entriesBelow(root, { missingOk: true })) {
    if (files.has(rel) || KEEP.has(rel)) continue;
    unlinkSync(path.join(root, rel));
    stats.deleted++;
  }
  removeEmptyDirs(root);
  return stats;
}
