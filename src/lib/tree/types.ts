/** The reader's shared shapes: a file as the assembler and the per-layout readers see it. */
import type { Provenance } from '../model.ts';
import type { PathInfo } from '../parse/resultsPath.ts';

/** A file as the assembler sees it: its text and every place it was read from. */
export interface SourceFile {
  readonly treePath: string;
  readonly text: string;
  readonly blob: string;
  readonly provenance: readonly Provenance[];
  readonly undecodable?: boolean;
  /** Recovered from a page dump where the tree lacks the file: not an input of its own. */
  readonly synthetic?: boolean;
}

/** A file with what its tree path says it is (classified once, in readTree.ts or the assembler). */
export interface Classified {
  readonly file: SourceFile;
  readonly info: PathInfo;
}
