/**
 * The `flat` saving: everything that looks like an HTML tag removed (so `<think>` is gone), every
 * whitespace run collapsed to one space, trimmed. Matching a flat dump to tree files applies the
 * same to both sides.
 */

/** A tag starts with a letter (or `/` and a letter): `a < b` and `<-` in report text stay. */
const TAG_RE = /<\/?[A-Za-z][^>]*>/g;
/**
 * JavaScript's whitespace plus what Python's str.split() also counts (U+001C–U+001F, U+0085), so
 * that a flat text made by either collapses the same way here.
 */
const SPACE_RUN_RE = /[\s\x1c-\x1f\x85]+/g;

export function flattenForMatch(text: string): string {
  return text.replace(TAG_RE, '').replace(SPACE_RUN_RE, ' ').trim();
}
