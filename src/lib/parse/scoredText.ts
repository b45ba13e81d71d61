import type { Score } from '../model.ts';

export interface ScoredText {
  /** Groups of scores in file order; a `----` line starts a new group. */
  readonly scores: readonly (readonly Score[])[];
  /** What follows the blank line after the scores: the report text as classified. */
  readonly text: string;
}

const SCORE_LINE = /^(.+): (-?\d+(?:\.\d+)?(?:e-?\d+)?)\r?$/;
const SPLIT_LINE = /^-{3,}\r?$/;

/**
 * Zero-shot files begin with `label: score` lines (highest first), sometimes a `----` line
 * and a second block, then a blank line and the report text. Returns null when the file
 * does not start that way (flat LLM runs hold the text only).
 */
export function parseScoredText(file: string): ScoredText | null {
  // Most files (every LLM run's) do not start with a score: known from the first line, without
  // splitting a long text into lines (the result is the loop's below: no scores, null).
  const firstEnd = file.indexOf('\n');
  if (!SCORE_LINE.test(firstEnd === -1 ? file : file.slice(0, firstEnd))) return null;
  const lines = file.split('\n');
  const groups: Score[][] = [[]];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const m = SCORE_LINE.exec(line);
    if (m) {
      groups[groups.length - 1]!.push({ label: m[1]!, score: Number(m[2]), written: m[2]! });
      continue;
    }
    if (SPLIT_LINE.test(line) && groups[groups.length - 1]!.length > 0) {
      groups.push([]);
      continue;
    }
    break;
  }
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length === 0) return null;
  // The blank line after the scores is part of the format; without it this is not a scored file
  // (a report whose first line merely looks like `Version: 2.0`).
  const rest = lines.slice(i);
  if (rest.length > 0 && rest[0]!.replace(/\r$/, '') !== '') return null;
  return { scores: nonEmpty, text: rest.slice(1).join('\n') };
}
