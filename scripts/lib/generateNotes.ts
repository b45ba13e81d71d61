/**
 * Notes for the benchmark: `count` report notes on a tree's reports (spread over its sources),
 * each with a verdict and two quoted lines, as an archivist might write them. Written into `dir`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ResultsModel } from '../../src/lib/model.ts';
import { compareKeys } from '../../src/lib/order.ts';
import { reportPathStem } from '../../src/lib/paths.ts';

export function writeGeneratedNotes(model: ResultsModel, dir: string, count: number): number {
  const candidates = [...model.reports.values()]
    .filter((r) => (model.verdictsByReport.get(r.key)?.length ?? 0) > 0 && (r.text?.split('\n').length ?? 0) >= 3)
    .sort((a, b) => compareKeys(a.key, b.key));
  const step = Math.max(1, Math.floor(candidates.length / count));
  let written = 0;
  for (let i = 0; i < candidates.length && written < count; i += step) {
    const r = candidates[i]!;
    const run = model.verdictsByReport.get(r.key)![0]!.run;
    const file = path.join(dir, 'reports', `${reportPathStem(r)}.mdx`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `---\ndate: 2026-12-${String(1 + (written % 28)).padStart(2, '0')}\ntitle: benchmark note ${written + 1}\n---\n\n` +
        `A note on this report, number ${written + 1}. The run said <Verdict run=${JSON.stringify(run)} />, and the report begins:\n\n<Lines lines="1-2" />\n`,
    );
    written++;
  }
  return written;
}
