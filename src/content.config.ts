/**
 * Collections over the generated content folder (scripts/write-content.ts; `.cache/content/`
 * unless `CONTENT_DIR` says otherwise, src/lib/dirs.ts). All page data sits in JSON. Report pages
 * have no entry here: they are listed by `report-inputs.json` and read their JSON per page
 * (src/lib/content-files.ts), so Astro neither bundles a module per report nor holds their data. No zod
 * schemas: the JSON shapes are typed by src/lib/content/types.ts and produced by our own code.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { generatedContentDir, notesDir } from './lib/dirs.ts';
import { noteFrontmatter } from './lib/notes/schema.ts';

const base = generatedContentDir();
/** Entry id = path without extension, case kept (`gitlab/101`, `deepseek-r1-14b/0-1`). */
const generateId = ({ entry }: { entry: string }) => entry.replace(/\.json$/, '');

function json(dir: string) {
  return defineCollection({ loader: glob({ pattern: '**/*.json', base: `${base}/${dir}`, generateId }) });
}

export const collections = {
  runData: json('run-data'),
  runMembers: json('run-members'),
  modelData: json('model-data'),
  sourceIndex: json('source-index'),
  rawData: json('raw-data'),
  // Comparisons (src/lib/content/compare.ts).
  taskData: json('task-data'),
  compareData: json('compare-data'),
  setData: json('set-data'),
  reviewerData: json('reviewer-data'),
  // The archivists' notes: the only MDX, one module per note (src/lib/notes/, components/notes/).
  notes: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: notesDir(), generateId: ({ entry }) => entry.replace(/\.mdx$/, '') }),
    schema: noteFrontmatter,
  }),
  site: defineCollection({ loader: glob({ pattern: 'site.json', base, generateId }) }),
};
