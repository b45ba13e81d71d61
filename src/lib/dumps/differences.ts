/**
 * Saying in words how a recovered text differs from the tree file it shows: used when the tree
 * is at hand, to replace an approximate dump's list of possible losses by the actual ones.
 */

const CONTROL_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\ufeff]/g;
const TAB_STOP = 8;

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(TAB_STOP - (out.length % TAB_STOP));
    else out += ch;
  }
  return out;
}

type Kind = 'carriage returns' | 'trailing whitespace' | 'tabs expanded to spaces' | 'non-breaking spaces' | 'control characters';

const STEPS: readonly (readonly [Kind, (s: string) => string])[] = [
  ['carriage returns', (s) => s.replace(/\r/g, '')],
  ['control characters', (s) => s.replace(CONTROL_RE, '')],
  ['tabs expanded to spaces', expandTabs],
  ['non-breaking spaces', (s) => s.replace(/\u00a0/g, ' ')],
  ['trailing whitespace', (s) => s.trimEnd()],
];

/**
 * Which browser changes, applied to the original line, give the shown one (null: something
 * else changed). lynx drops control characters where w3m shows a space, and lynx shows a
 * non-breaking space as a space where w3m keeps it: each is accepted.
 */
function lineKinds(original: string, shown: string): Kind[] | null {
  for (const nbsp of [false, true]) {
    const kinds: Kind[] = [];
    let dropped = original;
    let spaced = original;
    for (const [kind, step] of STEPS) {
      if (kind === 'non-breaking spaces' && !nbsp) continue;
      const next = step(dropped);
      if (next !== dropped) kinds.push(kind);
      dropped = next;
      spaced = kind === 'control characters' ? spaced.replace(CONTROL_RE, ' ') : step(spaced);
    }
    // A browser may also keep some control characters (lynx keeps C1 ones): compare without them.
    const visible = shown.replace(CONTROL_RE, '');
    const target = (nbsp ? visible.replace(/\u00a0/g, ' ') : visible).trimEnd();
    if (dropped === target || spaced.trimEnd() === target) return kinds;
  }
  return null;
}

export function describeDifferences(shown: string, original: string): string[] {
  if (shown === original) return [];
  const a = shown.split('\n');
  const b = original.split('\n');
  const out: string[] = [];
  // One text ending in a newline the other lacks has one more (empty) piece: that is all it is.
  let finalNewline = false;
  for (const [longer, shorter] of [[a, b], [b, a]] as const) {
    if (!finalNewline && longer.length === shorter.length + 1 && longer[longer.length - 1] === '') {
      longer.pop();
      finalNewline = true;
    }
  }
  if (a.length !== b.length) {
    return [`line structure: ${a.length} lines recovered, the tree file has ${b.length}`];
  }
  const counts = new Map<string, number>();
  let other = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const kinds = lineKinds(b[i]!, a[i]!);
    if (!kinds) other++;
    else for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const [kind, n] of counts) out.push(`${kind} (${n} line${n === 1 ? '' : 's'})`);
  if (other > 0) out.push(`other changes (${other} line${other === 1 ? '' : 's'})`);
  if (finalNewline) out.push('final newline');
  return out;
}
