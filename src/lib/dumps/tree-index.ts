/**
 * What placing a dump needs to know about a tree: the file at a path, the paths holding a blob,
 * the paths whose flattened text is a given one. Flattened texts are kept only as their sha-1,
 * so the index of the real tree (tens of thousands of files) costs a few maps of short strings.
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

/**
 * `flatKeys` (blob id → flat key) is a memo the caller may keep between builds: flattening every
 * tree file is most of this index's cost, and a blob id names its bytes, so
 * a kept key is never stale. The flat keys are made only when a dump is first looked up by them.
 */
export function buildTreeTextIndex(files: Iterable<TreeFile>, flatKeys: Map<string, string> = new Map()): TreeTextIndex {
  const byPath = new Map<string, TreeFile>();
  const byBlob = new Map<string, string[]>();
  for (const file of files) {
    byPath.set(file.path, file);
    push(byBlob, file.blob, file.path);
  }
  for (const list of byBlob.values()) list.sort();
  let byFlat: Map<string, string[]> | undefined;
  const flatIndex = (): Map<string, string[]> => {
    if (byFlat) return byFlat;
    byFlat = new Map();
    for (const file of byPath.values()) {
      let key = flatKeys.get(file.blob);
      if (key === undefined) {
        key = flatKey(file.text);
        flatKeys.set(file.blob, key);
      }
      push(byFlat, key, file.path);
    }
    for (const list of byFlat.values()) list.sort();
    return byFlat;
  };
  return {
    get: (path) => {
      const file = byPath.get(path);
      return file ? { text: file.text, blob: file.blob } : undefined;
    },
    pathsByBlob: (blob) => byBlob.get(blob) ?? [],
    pathsByFlat: (flat) => flatIndex().get(flatKey(flat)) ?? [],
  };
}
