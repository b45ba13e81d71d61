import type { Reasoning } from '../model.ts';

const THINK_OPEN = '<think>';
const THINK_CLOSE = '</think>';

/**
 * A model's answer: usually `<think>…</think>`, a short justification, then the label as the
 * last word. Models also wrap it in markdown (`**system**`, `` `user` ``) or quotes. A think
 * block that never closes is all thinking: the model never answered.
 *
 * Text before `<think>` (a prompt echo, a stray line) is kept as `preamble`, never dropped.
 *
 * Line numbers of every part are kept so that a link to line n of the file (cgit's `#n12`)
 * lands on line n on the site.
 */
export function parseReasoning(text: string): Reasoning {
  const open = text.indexOf(THINK_OPEN);
  const close = text.indexOf(THINK_CLOSE, open === -1 ? 0 : open);
  const before = open > 0 ? trimmedSpan(text, 0, open) : undefined;
  const preamble = before !== undefined && before.text !== '' ? { preamble: before.text, preambleLine: before.line } : {};
  if (open !== -1 && close === -1) {
    const thinking = trimmedSpan(text, open + THINK_OPEN.length, text.length);
    return { ...preamble, thinking: thinking.text, thinkingLine: thinking.line, answer: '', answerLine: thinking.line };
  }
  let thinking: Span | undefined;
  let answer: Span;
  if (close !== -1) {
    thinking = trimmedSpan(text, open === -1 ? 0 : open + THINK_OPEN.length, close);
    answer = trimmedSpan(text, close + THINK_CLOSE.length, text.length);
  } else {
    answer = trimmedSpan(text, 0, text.length);
  }
  const finalLabel = lastWord(answer.text);
  return {
    ...preamble,
    ...(thinking ? { thinking: thinking.text, thinkingLine: thinking.line } : {}),
    answer: answer.text,
    answerLine: answer.line,
    ...(finalLabel ? { finalLabel } : {}),
  };
}

interface Span {
  readonly text: string;
  /** 1-based line of the file on which `text` starts. */
  readonly line: number;
}

function trimmedSpan(text: string, from: number, to: number): Span {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), line: lineAt(text, from + lead) };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The last word of a text, cleaned of markup and punctuation around it (`**system**.` → `system`). */
export function lastWord(answer: string): string | undefined {
  const words = answer.split(/\s+/u).filter((w) => w.length > 0);
  for (let i = words.length - 1; i >= 0; i--) {
    const cleaned = words[i]!.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (cleaned.length > 0) return cleaned;
  }
  return undefined;
}
