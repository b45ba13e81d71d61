import type { Change } from '../model.ts';

export interface ParsedChangeList {
  readonly declared: number | undefined;
  readonly changes: readonly Change[];
  /** Lines that are neither the header nor a change, with 1-based line numbers. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const HEADER = /^(\d+) changes?:\s*$/;
const CHANGE = /^(.+?): (.*?) -> (.*)$/;

/** `N changes:` then `<id>: <old> -> <new>` lines (labels may hold spaces). */
export function parseChangeList(text: string): ParsedChangeList {
  const lines = text.split(/\r?\n/);
  let declared: number | undefined;
  const changes: Change[] = [];
  const problems: { line: number; message: string }[] = [];
  lines.forEach((line, index) => {
    if (line.trim().length === 0) return;
    const header = HEADER.exec(line);
    if (header && declared === undefined && changes.length === 0) {
      declared = Number(header[1]);
      return;
    }
    const change = CHANGE.exec(line);
    if (change) {
      changes.push({ id: change[1]!.trim(), from: change[2]!.trim(), to: change[3]!.trim(), line: index + 1 });
      return;
    }
    problems.push({ line: index + 1, message: `not a change line: ${JSON.stringify(line.slice(0, 80))}` });
  });
  if (declared === undefined) problems.unshift({ line: 1, message: 'missing "N changes:" header' });
  else if (declared !== changes.length) {
    problems.push({ line: 1, message: `header declares ${declared} changes, the list has ${changes.length}` });
  }
  return { declared, changes, problems };
}
