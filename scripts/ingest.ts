/**
 * `npm run ingest -- --results DIR [--dumps DIR] [--json OUT]`
 * Reads a results tree (and page dumps) into the model, writes its summary as JSON and
 * prints a one-screen account: inputs per layout, runs, sources, findings, dumps.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { summarizeModel, formatSummary } from '../src/lib/summary.ts';
import { readResultsTree } from '../src/lib/tree/readTree.ts';
import { settings } from '../src/lib/settings.ts';

const { values } = parseArgs({
  options: {
    results: { type: 'string', default: settings().resultsDir },
    dumps: { type: 'string', default: settings().dumpsDir },
    json: { type: 'string' },
  },
});

const started = performance.now();
// With only --dumps, the tree is rebuilt from the dumps alone; with neither, the embedded sample.
const results = values.results ?? (values.dumps ? undefined : 'sample/results');
let model: Awaited<ReturnType<typeof readResultsTree>>;
try {
  model = await readResultsTree(results, { ...(values.dumps ? { dumpsDir: values.dumps } : {}) });
} catch (e) {
  // Bad input is a finding; what lands here is a tree that cannot be read at all (a missing folder).
  console.error(`ingest failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const summary = summarizeModel(model);
const seconds = (performance.now() - started) / 1000;
if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2) + '\n');
process.stdout.write(formatSummary(summary, seconds));
if (summary.lost.length > 0) process.exitCode = 1;
