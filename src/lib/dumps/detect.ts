/**
 * Recognising a page dump by its content alone. Only pages with cgit chrome can be recognised:
 * a flat dump (one line of collapsed text) or a plain one (the raw file) looks like any text,
 * and the caller decides for those (see `classifyDumpFile`).
 */
import type { DumpStyle } from '../model.ts';
import { detectHeaderStyle } from './chrome.ts';

/** `seed`, `w3m`, `lynx` or `blame` when the text shows cgit chrome; null otherwise. */
export function detectDumpStyle(text: string): DumpStyle | null {
  return detectHeaderStyle(text.split('\n'));
}
