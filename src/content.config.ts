/**
 * Collections over the generated `content/` folder (scripts/write-content.ts). MDX entries are
 * thin (frontmatter + component tags); all page data sits in the JSON collections. Report pages
 * have no entry here: they are listed by `report-inputs.json` and read their JSON per page
 * (src/lib/content-files.ts), so Astro neither bundles a module per report nor holds their data. No zod
 * schemas: the JSON shapes are typed by src/lib/content/types.ts and produced by our own code.
 * `CONTENT_DIR` overrides the folder (benchmarks, tests).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env.CONTENT_DIR ?? './content';
/** Entry id = path without extension, case kept (`gitlab/101`, `deepseek-r1-14b/0-1`). */
const generateId = ({ entry }: { entry: string }) => entry.replace(/\.(mdx|json)$/, '');

function mdx(dir: string) {
  return defineCollection({ loader: glob({ pattern: '**/*.mdx', base: `${base}/${dir}`, generateId, retainBody: false }) });
}
function json(dir: string) {
  return defineCollection({ loader: glob({ pattern: '**/*.json', base: `${base}/${dir}`, generateId }) });
}

export const collections = {
  runs: mdx('runs'),
  runData: json('run-data'),
  runMembers: json('run-members'),
  models: mdx('models'),
  modelData: json('model-data'),
  sourceIndex: json('source-index'),
  rawData: json('raw-data'),
  // Comparisons (src/lib/content/compare.ts).
  taskData: json('task-data'),
  compareData: json('compare-data'),
  setData: json('set-data'),
  reviewerData: json('reviewer-data'),
  site: defineCollection({ loader: glob({ pattern: 'site.json', base, generateId }) }),
};
