/**
 * Searching for the trailing whitespace a browser trimmed. A third of the tree's files have some,
 * most often a single space at the end of one or two lines: putting it back on each line (or pair
 * of lines) in turn and hashing finds it. The sha-1 state of the common prefix is copied rather
 * than recomputed, and a byte budget bounds the work on long files.
 */
import { createHash, type Hash } from 'node:crypto';

export interface HashBudget {
  /** Bytes that may still be hashed. */
  left: number;
}

/** A text and the offsets (UTF-16) where each of its lines' text ends, before the line end. */
export interface LinedText {
  readonly text: string;
  readonly lineEnds: readonly number[];
}

function byteOffsets(text: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let prev = 0;
  let bytes = 0;
  for (const offset of offsets) {
    bytes += Buffer.byteLength(text.slice(prev, offset), 'utf8');
    out.push(bytes);
    prev = offset;
  }
  return out;
}

function insertAt(text: string, offsets: readonly number[], ws: string): string {
  let out = '';
  let prev = 0;
  for (const offset of offsets) {
    out += text.slice(prev, offset) + ws;
    prev = offset;
  }
  return out + text.slice(prev);
}

function blobHeader(size: number): Hash {
  return createHash('sha1').update(`blob ${size}\0`);
}

/** `ws` put back at the end of one line: the text that hashes to `blob`, or null. */
export function restoreOneTrailing(lined: LinedText, ws: string, blob: string, budget: HashBudget): string | null {
  const bytes = Buffer.from(lined.text, 'utf8');
  const extra = Buffer.from(ws, 'utf8');
  const ends = byteOffsets(lined.text, lined.lineEnds);
  const running = blobHeader(bytes.length + extra.length);
  let pos = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    running.update(bytes.subarray(pos, end));
    pos = end;
    const cost = bytes.length - end;
    if (budget.left < cost) return null;
    budget.left -= cost;
    if (running.copy().update(extra).update(bytes.subarray(end)).digest('hex') === blob) {
      return insertAt(lined.text, [lined.lineEnds[i]!], ws);
    }
  }
  return null;
}

/** `ws` put back at the ends of two lines: the text that hashes to `blob`, or null. */
export function restoreTwoTrailing(lined: LinedText, ws: string, blob: string, budget: HashBudget): string | null {
  const bytes = Buffer.from(lined.text, 'utf8');
  const extra = Buffer.from(ws, 'utf8');
  const ends = byteOffsets(lined.text, lined.lineEnds);
  const running = blobHeader(bytes.length + 2 * extra.length);
  let pos = 0;
  for (let i = 0; i < ends.length; i++) {
    running.update(bytes.subarray(pos, ends[i]!));
    pos = ends[i]!;
    const afterFirst = running.copy().update(extra);
    let pos2 = pos;
    for (let j = i + 1; j < ends.length; j++) {
      const end = ends[j]!;
      afterFirst.update(bytes.subarray(pos2, end));
      pos2 = end;
      const cost = bytes.length - end;
      if (budget.left < cost) return null;
      budget.left -= cost;
      if (afterFirst.copy().update(extra).update(bytes.subarray(end)).digest('hex') === blob) {
        return insertAt(lined.text, [lined.lineEnds[i]!, lined.lineEnds[j]!], ws);
      }
    }
  }
  return null;
}
