import { existsSync, statSync } from 'node:fs';
import { opendir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gitBlobId } from '../blob.ts';

/** A file of the tree as bytes were read: decoded text plus its git blob id. */
export interface LoadedFile {
  /** `results/...`, `/`-separated. */
  readonly treePath: string;
  readonly text: string;
  readonly blob: string;
  /** Set when the bytes are not valid UTF-8 (the text then holds U+FFFD where bytes were bad). */
  readonly undecodable?: boolean;
}

/**
 * `dir` may be a `results/` folder or any folder holding one (the unpacked corpus has
 * `emulator-bug-study/results`). Returns the `results/` folder itself.
 */
export function findResultsRoot(dir: string): string {
  const candidates = [dir, path.join(dir, 'results'), path.join(dir, 'emulator-bug-study', 'results')];
  for (const c of candidates) {
    if (path.basename(c) === 'results' && existsSync(c) && statSync(c).isDirectory()) return c;
  }
  throw new Error(`${dir}: no results/ tree found (looked for ${candidates.join(', ')})`);
}

/** Every regular file below `root`, as paths relative to it, in sorted order. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function visit(rel: string): Promise<void> {
    const dir = await opendir(path.join(root, rel));
    for await (const entry of dir) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await visit(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  await visit('');
  return out.sort();
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeFile(treePath: string, bytes: Uint8Array): LoadedFile {
  const blob = gitBlobId(bytes);
  try {
    return { treePath, text: strictUtf8.decode(bytes), blob };
  } catch {
    return { treePath, text: lenientUtf8.decode(bytes), blob, undecodable: true };
  }
}

/** Reads files with bounded concurrency; `prefix` is prepended to relative paths (e.g. `results/`). */
export async function loadFiles(root: string, relPaths: readonly string[], prefix: string, concurrency = 32): Promise<LoadedFile[]> {
  const out = new Array<LoadedFile>(relPaths.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const i = next++;
      if (i >= relPaths.length) return;
      const rel = relPaths[i]!;
      out[i] = decodeFile(prefix + rel, await readFile(path.join(root, rel)));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, relPaths.length) }, worker));
  return out;
}
