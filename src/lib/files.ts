/**
 * Walking a folder: the one walker of the code. Symbolic links (to files or folders, looping or
 * leading out), FIFOs, sockets and devices are listed as entries and never followed: the walker
 * reads the results tree, which is untrusted input. (Node's recursive `readdirSync` does follow
 * links to folders, so it is not used.) Synchronous on purpose: for tens of thousands of small
 * files the promise machinery of fs/promises costs more than the walk itself.
 */
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { compare } from './order.ts';

/** An entry below the walked folder that is not a folder, with its path relative to it (`/`-separated). */
export interface EntryBelow {
  readonly rel: string;
  readonly entry: Dirent;
}

/**
 * Every entry below `dir` that is not a folder (regular files, symbolic links, FIFOs…), sorted by
 * relative path in code-unit order. A missing `dir` throws, unless `missingOk` (then: none).
 */
export function entriesBelow(dir: string, options: { readonly missingOk?: boolean } = {}): EntryBelow[] {
  if (options.missingOk && !existsSync(dir)) return [];
  const out: EntryBelow[] = [];
  const visit = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else out.push({ rel: child, entry });
    }
  };
  visit('');
  return out.sort((a, b) => compare(a.rel, b.rel));
}

/** The regular files below `dir`, as sorted `/`-separated paths relative to it; none when `dir` is missing. */
export function filesBelow(dir: string): string[] {
  return entriesBelow(dir, { missingOk: true })
    .filter((e) => e.entry.isFile())
    .map((e) => e.rel);
}
