import type { ZeroShotParams } from '../model.ts';

/**
 * A zero-shot iteration's README: `## NNN`, a python block of `key = value` lines
 * (`multi_label = True`, `model = "…"`, `compare = "…"`, `number_bugs = N`), then a sentence of intent.
 * Python literals, not TOML, so the assignment lines are read one by one.
 */
export function parseZeroShotReadme(text: string): ZeroShotParams {
  const values = new Map<string, string | number | boolean>();
  const prose: string[] = [];
  let inCode = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      const m = /^([A-Za-z_][\w-]*)\s*=\s*(.+)$/.exec(line);
      if (m) values.set(m[1]!, pythonLiteral(m[2]!));
      continue;
    }
    if (line.length > 0 && !line.startsWith('#')) prose.push(line);
  }
  const str = (k: string) => (typeof values.get(k) === 'string' ? (values.get(k) as string) : undefined);
  const multi = values.get('multi_label');
  const bugs = values.get('number_bugs');
  const intent = prose.join(' ');
  return {
    ...(str('model') !== undefined ? { model: str('model') } : {}),
    ...(str('compare') !== undefined ? { compareModel: str('compare') } : {}),
    ...(typeof multi === 'boolean' ? { multiLabel: multi } : {}),
    ...(typeof bugs === 'number' ? { numberBugs: bugs } : {}),
    ...(intent.length > 0 ? { intent } : {}),
  };
}

function pythonLiteral(value: string): string | number | boolean {
  const v = value.trim();
  if (v === 'True') return true;
  if (v === 'False') return false;
  const quoted = /^(["'])(.*)\1$/.exec(v);
  if (quoted) return quoted[2]!;
  const n = Number(v);
  return Number.isFinite(n) && v.length > 0 ? n : v;
}
