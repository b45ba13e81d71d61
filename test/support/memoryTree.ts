import { gitBlobId } from '../../src/lib/blob.ts';
import { assembleModel } from '../../src/lib/tree/assemble.ts';
import type { SourceFile } from '../../src/lib/tree/types.ts';
import type { ResultsModel } from '../../src/lib/model.ts';

/** A results tree held in memory: path → text. */
export function memoryFiles(tree: Readonly<Record<string, string>>): SourceFile[] {
  return Object.entries(tree).map(([treePath, text]) => {
    const blob = gitBlobId(text);
    return { treePath, text, blob, provenance: [{ path: treePath, blob, via: 'tree' as const }] };
  });
}

export function modelOf(tree: Readonly<Record<string, string>>): ResultsModel {
  return assembleModel({ root: 'memory', files: memoryFiles(tree) });
}
