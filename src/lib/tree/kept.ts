/**
 * The values the model keeps from a file's text (a scored file's scores, a reasoning file's
 * shape, a report text's title), derived when the file is first read (src/lib/tree/walk.ts), so
 * the assembler need not read the file again for them: one read to load, one at use.
 *
 * Each value is made by one pure function of the text, the same whether it is derived at the
 * first read or by the assembler from a file that was not read from disk (fixtures, page dumps):
 * `keptOf` returns the value found at the first read, else derives it from `file.text`.
 */
import type { Reasoning } from '../model.ts';
import { classifyResultsPath, type PathInfo } from '../parse/resultsPath.ts';
import { parseReasoning } from '../parse/reasoning.ts';
import { parseScoredText } from '../parse/scoredText.ts';
import { titleOf } from '../parse/titledText.ts';
import { detached } from './lazy.ts';

/** A reasoning as parseReasoning makes it, in its key order, its texts (preamble, thinking, answer) left out. */
export type ReasoningShape = readonly (readonly [key: string, value: unknown])[];

const REASONING_TEXTS = new Set(['preamble', 'thinking', 'answer']);

/** The kept values by name, each a pure function of the text (copies: no slice of the text). */
export const KEPT = {
  scores: (text: string): NonNullable<ReturnType<typeof parseScoredText>>['scores'] | null => {
    const scored = parseScoredText(text);
    return scored ? detached([...scored.scores]) : null;
  },
  reasoning: (text: string): ReasoningShape =>
    Object.entries(parseReasoning(text) as unknown as Record<string, unknown>).map(([k, v]) => [k, REASONING_TEXTS.has(k) ? null : detached(v)] as const),
  title: (text: string): string => detached(titleOf(text)),
} as const;

export type KeptName = keyof typeof KEPT;
export type KeptValues = { readonly [K in KeptName]?: ReturnType<(typeof KEPT)[K]> };

/** Which kept values a file at this place in the tree gives (what the assembler asks of it). */
export function keptNames(info: PathInfo): readonly KeptName[] {
  switch (info.kind) {
    case 'run-file':
      return info.half === 'reasoning' ? ['reasoning'] : ['scores'];
    case 'curated':
      return ['scores'];
    case 'gitlab-text':
    case 'gitlab-semantic':
    case 'launchpad':
    case 'mailinglist':
    case 'box64':
    case 'fex':
      return ['title'];
    default:
      return [];
  }
}

/** The kept values of a file of the tree, derived from its text at the first read. */
export function deriveKept(treePath: string, text: string): KeptValues | undefined {
  const names = keptNames(classifyResultsPath(treePath));
  if (names.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = KEPT[name](text);
  return out as KeptValues;
}

/** The kept value `name` of `file`: as found at its first read, else derived from its text now. */
export function keptOf<K extends KeptName>(file: { readonly kept?: KeptValues; readonly text: string }, name: K): ReturnType<(typeof KEPT)[K]> {
  const found = file.kept;
  if (found !== undefined && name in found) return found[name] as ReturnType<(typeof KEPT)[K]>;
  return KEPT[name](file.text) as ReturnType<(typeof KEPT)[K]>;
}

/** Rebuilds a reasoning from its shape, the texts as getters (`text(key)`). */
export function reasoningFromShape(shape: ReasoningShape, define: (out: Record<string, unknown>, key: 'preamble' | 'thinking' | 'answer') => void): Reasoning {
  const out: Record<string, unknown> = {};
  for (const [k, v] of shape) {
    if (REASONING_TEXTS.has(k)) define(out, k as 'preamble');
    else out[k] = v;
  }
  return out as unknown as Reasoning;
}
