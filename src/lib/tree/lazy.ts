/**
 * Texts read at use, not kept: how the model stays small while the tree grows.
 *
 * The reader reads each file of the tree once to know its blob id and what it says about itself
 * (src/lib/tree/walk.ts), keeps what the pages across reports need (titles, labels, scores, the
 * reasoning's last word and line numbers), and drops the text. The model's text fields (a
 * report's text, a verdict's text and reasoning, a curated member's text, a raw file) are then
 * getters: the file is read again, and the value derived again from it by the same pure parser,
 * when a page is made, and dropped after. So the content writer holds one report's texts at a
 * time, not the tree's.
 *
 * The getters are enumerable own properties: spreading, `JSON.stringify`, `Object.keys` and
 * deep equality see a plain object. A fixture's file (a plain `text` string) goes through the
 * same code, so the model of an in-memory tree is the same model.
 *
 * A small cache of the values last derived (by the object they belong to) saves reading and
 * parsing a file again when one page asks for several parts of it (the reasoning's thinking and
 * answer, a report's text twice); it holds a few files' texts, never the tree's.
 */

import type { RawFile } from '../model.ts';
import type { SourceFile } from './types.ts';

/** How many recently derived values are kept (a report page asks for a handful of files at a time). */
const RECENT = 24;
const recent: { owner: object; kind: string; value: unknown }[] = [];

/**
 * The value `compute` derives for `owner` (compared by identity) and `kind`, from the small cache
 * when it was derived lately. `compute` must be a pure function of the owner's file.
 */
export function recently<V>(owner: object, kind: string, compute: () => V): V {
  for (let i = 0; i < recent.length; i++) {
    const e = recent[i]!;
    if (e.owner === owner && e.kind === kind) {
      if (i > 0) {
        recent.splice(i, 1);
        recent.unshift(e);
      }
      return e.value as V;
    }
  }
  const value = compute();
  recent.unshift({ owner, kind, value });
  if (recent.length > RECENT) recent.length = RECENT;
  return value;
}

/** Forgets every cached value (tests; a build never needs it). */
export function forgetRecent(): void {
  recent.length = 0;
}

/**
 * Defines `key` on `target` as an enumerable getter: the value is derived by `get` at each read
 * (through `recently`, so a burst of reads derives it once) and never stored on the object.
 */
export function lazyField<T extends object, K extends string, V>(target: T, key: K, get: () => V): T & { readonly [P in K]: V } {
  Object.defineProperty(target, key, { get: () => recently(target, key, get), enumerable: true, configurable: false });
  return target as T & { readonly [P in K]: V };
}

/** A file published raw: its text read at use, as the file's. */
export function rawFile(file: Pick<SourceFile, 'treePath' | 'blob' | 'text'>): RawFile {
  return lazyField({ path: file.treePath, blob: file.blob }, 'text', () => file.text);
}

/**
 * A copy of a value derived from a text that shares no memory with it. V8 makes a substring, a
 * `split` part or a regex group a view into the string it came from (a "sliced string"), so a
 * title kept from a report text would keep the whole text alive; a value the model keeps from a
 * text read lazily goes through here.
 */
export function detached<T>(value: T): T {
  return structuredClone(value);
}
