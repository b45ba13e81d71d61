/** Every run's verdicts, in report-key order: what the run pages and the data files list. */
import type { ResultsModel, Verdict } from '../model.ts';
import { compareKeys } from '../order.ts';

export function verdictsByRun(model: ResultsModel): Map<string, Verdict[]> {
  const out = new Map<string, Verdict[]>();
  for (const name of model.runs.keys()) out.set(name, []);
  for (const list of model.verdictsByReport.values()) {
    for (const v of list) {
      const l = out.get(v.run) ?? [];
      l.push(v);
      out.set(v.run, l);
    }
  }
  for (const l of out.values()) l.sort((a, b) => compareKeys(a.reportKey, b.reportKey));
  return out;
}
