/**
 * Reading a results tree from disk: walk, read, hand to the pure assembler.
 */
import type { Provenance, ResultsModel } from '../model.ts';
import { assembleModel, type SourceFile } from './assemble.ts';
import { findResultsRoot, listFiles, loadFiles, type LoadedFile } from './walk.ts';

export interface ReadOptions {
  /** A folder of page dumps to read beside the tree. */
  readonly dumpsDir?: string;
}

export function treeSourceFile(file: LoadedFile): SourceFile {
  const provenance: Provenance = { path: file.treePath, blob: file.blob, via: 'tree' };
  return { ...file, provenance: [provenance] };
}

export async function readResultsTree(dir: string, _options: ReadOptions = {}): Promise<ResultsModel> {
  const root = findResultsRoot(dir);
  const relPaths = await listFiles(root);
  const loaded = await loadFiles(root, relPaths, 'results/');
  return assembleModel({ root, files: loaded.map(treeSourceFile) });
}
