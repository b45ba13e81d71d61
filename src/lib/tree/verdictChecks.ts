/**
 * Findings about verdicts as a whole: answers that name another label than their folder, and
 * change lists whose lines disagree with the iterations they join.
 */
import type { Finding, Run, Verdict } from '../model.ts';
import { checkChangeList, changeListFindings } from '../compare/changeLists.ts';
import { answerMismatches, iterationName } from '../compare/comparisons.ts';

export function checkVerdicts(
  runs: ReadonlyMap<string, Run>,
  verdicts: readonly Verdict[],
  byRunId: ReadonlyMap<string, ReadonlyMap<string, Verdict>>,
  findings: Finding[],
): void {
  for (const m of answerMismatches(verdicts)) {
    findings.push({ path: m.path, severity: 'info', message: `${m.run}: the answer's last word is "${m.answer}"; it was first filed under "${m.filed}"` });
  }
  for (const run of runs.values()) {
    for (const list of run.changeLists) {
      const from = iterationName(run.name, list.from);
      const to = iterationName(run.name, list.to);
      if (from === undefined || to === undefined) continue;
      const missing = [from, to].filter((name) => !runs.has(name));
      if (missing.length > 0) {
        findings.push({ path: list.provenance.path, severity: 'warning', message: `change list joins ${missing.join(' and ')}, which the tree does not hold` });
        continue;
      }
      const disagreements = checkChangeList(list, { name: from, verdicts: byRunId.get(from) ?? new Map() }, { name: to, verdicts: byRunId.get(to) ?? new Map() });
      findings.push(...changeListFindings(list.provenance.path, disagreements));
    }
  }
}
