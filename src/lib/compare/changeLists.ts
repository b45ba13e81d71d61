/**
 * A change list (`zero-shot/<BBB>/<AAA>-<BBB>`) against the verdicts of the two iterations it
 * joins: every line should be an id whose label moved from `old` to `new`, and every id whose
 * label moved should have a line.
 */
import type { ChangeList, Finding, Verdict } from '../model.ts';
import { compareIds } from '../order.ts';

export interface ChangeListDisagreement {
  readonly id: string;
  /** 1-based line of the list, for ids it lists. */
  readonly line?: number;
  readonly message: string;
}

/** Verdicts are matched by the id the runs' files name, as the lists do. */
export function checkChangeList(
  list: ChangeList,
  from: { readonly name: string; readonly verdicts: ReadonlyMap<string, Verdict> },
  to: { readonly name: string; readonly verdicts: ReadonlyMap<string, Verdict> },
): ChangeListDisagreement[] {
  const out: ChangeListDisagreement[] = [];
  const listed = new Set<string>();
  for (const change of list.changes) {
    listed.add(change.id);
    const a = from.verdicts.get(change.id)?.label;
    const b = to.verdicts.get(change.id)?.label;
    const at = { line: change.line };
    if (a === undefined || b === undefined) {
      const missing = [a === undefined ? from.name : undefined, b === undefined ? to.name : undefined].filter(Boolean).join(' and ');
      out.push({ id: change.id, ...at, message: `lists ${change.id} (${change.from} -> ${change.to}), which ${missing} did not classify` });
    } else if (a !== change.from || b !== change.to) {
      out.push({ id: change.id, ...at, message: `lists ${change.id} as ${change.from} -> ${change.to}; the folders say ${a} -> ${b}` });
    }
  }
  const unlisted = [...from.verdicts]
    .filter(([id, v]) => !listed.has(id) && to.verdicts.has(id) && to.verdicts.get(id)!.label !== v.label)
    .sort(([x], [y]) => compareIds(x, y));
  for (const [id, v] of unlisted) {
    out.push({ id, message: `does not list ${id}, whose label moved ${v.label} -> ${to.verdicts.get(id)!.label}` });
  }
  return out;
}

export function changeListFindings(path: string, disagreements: readonly ChangeListDisagreement[]): Finding[] {
  return disagreements.map((d) => ({ path, severity: 'warning' as const, message: `change list ${d.message}`, ...(d.line !== undefined ? { line: d.line } : {}) }));
}
