/** The reader's shared shapes: a file as the assembler and the per-layout readers see it. */
import type { Provenance } from '../model.ts';
import type { PathInfo } from '../parse/resultsPath.ts';
import type { TextOddities } from '../parse/textOddities.ts';
import type { KeptValues } from './kept.ts';

/**
 * A file as the assembler sees it: its text and every place it was read from. A tree file's
 * `text` is a getter that reads the file again at each use (src/lib/tree/lazy.ts): what is
 * derived from it is derived at use, so the model keeps no text of the tree.
 */
export interface SourceFile {
  readonly treePath: string;
  readonly text: string;
  /** What the text says about itself, found when the file was first read (absent: ask the text). */
  readonly oddities?: TextOddities;
  /** What the model keeps from the text, found at the first read (absent: derived from the text; src/lib/tree/kept.ts). */
  readonly kept?: KeptValues;
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
