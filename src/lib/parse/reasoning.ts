import type { Reasoning } from '../model.ts';

const THINK_OPEN = '<think>';
const THINK_CLOSE = '</think>';

/**
 * A model's answer: usually `<think>…</think>`, a short justification, then the label as
 * the last word. Models also wrap it in markdown (`**system**`, `` `user` ``) or quotes.
 */
export function parseReasoning(text: string): Reasoning {
  const open = text.indexOf(THINK_OPEN);
  const close = text.indexOf(THINK_CLOSE);
  let thinking: string | undefined;
  let answer: string;
  if (close !== -1 && (open === -1 || open < close)) {
    const start = open === -1 ? 0 : open + THINK_OPEN.length;
    thinking = text.slice(start, close).trim();
    answer = text.slice(close + THINK_CLOSE.length);
  } else {
    answer = text;
  }
  answer = answer.trim();
  const finalLabel = lastWord(answer);
  return { ...(thinking !== undefined ? { thinking } : {}), answer, ...(finalLabel ? { finalLabel } : {}) };
}

function lastWord(answer: string): string | undefined {
  const words = answer.split(/\s+/u).filter((w) => w.length > 0);
  for (let i = words.length - 1; i >= 0; i--) {
    const cleaned = words[i]!.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (cleaned.length > 0) return cleaned;
  }
  return undefined;
}
