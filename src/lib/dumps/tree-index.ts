/**
 * What placing a dump needs to know about a tree: the file at a path, the paths holding a blob,
 * the paths whose flattened text is a given one. Flattened texts are kept only as their sha-1,
 * so the index of the real tree (70k files, 214 MB) costs a few maps of short strings.
 */
import { createHash } from 'node:crypto';
import { flattenForMatch } from './flatten.ts';

export interface TreeFile {
  readonly path: string;
  readonly text: string;
  readonly blob: string;
}

export interface TreeTextIndex {
  get(path: string): { readonly text: string; readonly blob: string } | undefined;
  pathsByBlob(blob: string): readonly string[];
  /** Paths whose flattened text equals `flat` (flattened again here, so any text can be passed). */
  pathsByFlat(flat: string): readonly string[];
}

function flatKey(text: string): string {
  return createHash('sha1').update(flattenForMatch(text)).digest('base64');
}

function push(map: Map<string, string[]>, key: string, path: string): void {
  const list = map.get(key);
  if (list) list.push(path);
  else map.set(key, [path]);
}

export function buildTreeTextIndex(files: Iterable<TreeFile>): TreeTextIndex {
  const byPath = new Map<string, TreeFile>();
  const byBlob = new Map<string, string[]>();
  const byFlat = new Map<string, string[]>();
  for (const file of files) {
    byPath.set(file.path, file);
    push(byBlob, file.blob, file.path);
    push(byFlat, flatKey(file.text), file.path);
  }
  for (const list of byBlob.values()) list.sort();
  for (const list of byFlat.values()) list.sort();
  return {
    get: (path) => {
      const file = byPath.get(path);
      return file ? { text: file.text, blob: file.blob } : undefined;
    },
    pathsByBlob: (blob) => byBlob.get(blob) ?? [],
    pathsByFlat: (flat) => byFlat.get(flatKey(flat)) ?? [],
  };
}
