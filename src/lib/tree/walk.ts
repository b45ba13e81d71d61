import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gitBlobId } from '../blob.ts';
import { entriesBelow } from '../files.ts';
import { textOddities, type TextOddities } from '../parse/textOddities.ts';
import { lazyField } from './lazy.ts';
import { deriveKept, type KeptValues } from './kept.ts';

/** A file of the tree as bytes were read: decoded text plus its git blob id. */
export interface LoadedFile {
  /** `results/...`, `/`-separated. */
  readonly treePath: string;
  readonly text: string;
  readonly blob: string;
  /** Set when the bytes are not valid UTF-8 (the text then holds U+FFFD where bytes were bad). */
  readonly undecodable?: boolean;
  /** Found at the first read, for files whose text is read again at use (`readLazily`). */
  readonly oddities?: TextOddities;
  /** What the model keeps from the text, derived at the first read (src/lib/tree/kept.ts). */
  readonly kept?: KeptValues;
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

/** An entry of the tree that is not a folder or a regular file: listed, never followed or read. */
export interface SkippedEntry {
  /** Relative to the walked folder, `/`-separated. */
  readonly rel: string;
  readonly kind: 'symlink' | 'fifo' | 'socket' | 'device' | 'other';
}

/**
 * Every regular file below `root`, as paths relative to it, in sorted order (the walk is
 * src/lib/files.ts).
 *
 * Symbolic links (to files, folders, out of the tree, or loops), FIFOs, sockets and devices are
 * never followed or opened (a FIFO would block the read; a link could publish any file of the
 * machine): they go to `skipped`, when given, for the build report.
 */
export function listFiles(root: string, skipped?: SkippedEntry[]): string[] {
  const out: string[] = [];
  for (const { rel, entry } of entriesBelow(root)) {
    if (entry.isFile()) out.push(rel);
    else skipped?.push({ rel, kind: entry.isSymbolicLink() ? 'symlink' : entry.isFIFO() ? 'fifo' : entry.isSocket() ? 'socket' : entry.isBlockDevice() || entry.isCharacterDevice() ? 'device' : 'other' });
  }
  return out;
}

const SKIPPED_WORDS: Readonly<Record<SkippedEntry['kind'], string>> = {
  symlink: 'a symbolic link',
  fifo: 'a FIFO (named pipe)',
  socket: 'a socket',
  device: 'a device file',
  other: 'not a regular file',
};

/** The finding of a skipped entry (`prefix`: `results/` for the tree, '' for a dumps folder). */
export function skippedFinding(entry: SkippedEntry, prefix: string): { path: string; severity: 'warning'; message: string } {
  return { path: prefix + entry.rel, severity: 'warning', message: `${SKIPPED_WORDS[entry.kind]}: not followed and not read, so nothing of it is published` };
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

/** Reads and decodes files; `prefix` is prepended to relative paths (e.g. `results/`). */
export function loadFiles(root: string, relPaths: readonly string[], prefix: string): LoadedFile[] {
  return relPaths.map((rel) => decodeFile(prefix + rel, readFileSync(path.join(root, rel))));
}

/**
 * Reads each file once for its blob id, what its text says about itself (undecodable bytes,
 * NUL, mojibake) and the values the model keeps from it (src/lib/tree/kept.ts), and keeps no text: `text` is a getter that reads the file again (src/lib/tree/
 * lazy.ts), so the tree's texts are never all in memory. A file whose bytes changed since the
 * first read stops the build (its blob id is in the model already) rather than mixing versions.
 */
export function readLazily(root: string, relPaths: readonly string[], prefix: string): LoadedFile[] {
  return relPaths.map((rel) => lazyFile(path.join(root, rel), prefix + rel));
}

function lazyFile(full: string, treePath: string): LoadedFile {
  const first = decodeFile(treePath, readFileSync(full));
  const oddities = textOddities(first.text);
  const kept = deriveKept(treePath, first.text);
  const blob = first.blob;
  const file = { treePath, blob, ...(first.undecodable ? { undecodable: true } : {}), oddities, ...(kept ? { kept } : {}) };
  return lazyField(file, 'text', () => {
    const again = decodeFile(treePath, readFileSync(full));
    if (again.blob !== blob) throw new Error(`${treePath} changed while the site was being made (blob ${blob} when first read, ${again.blob} now): build again`);
    return again.text;
  });
}
