/**
 * The site's data as notes see it, over the generated content files by path (`run-data/x.json`):
 * the content step checks notes against the files it is about to write, the components resolve
 * against the same files once written (src/lib/content-files.ts). One reader, so both agree.
 */
import type { PairData, ReportData, RunData } from '../content/types.ts';
import { pairStem } from '../content/compare.ts';
import type { NoteSite } from './check.ts';

export interface ContentReader {
  /** A generated file's text by its path in the content folder, or undefined. */
  read(path: string): string | undefined;
  /** The files directly or deeper below a folder of the content folder (`run-data`), as paths. */
  list(folder: string): readonly string[];
}

export function noteSite(content: ContentReader): NoteSite {
  const json = <T>(p: string): T | undefined => {
    const text = content.read(p);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  };
  let byName: Map<string, RunData> | undefined;
  const runsByName = (): Map<string, RunData> => {
    byName ??= new Map(content.list('run-data').flatMap((p) => {
      const r = json<RunData>(p);
      return r ? [[r.name, r] as const] : [];
    }));
    return byName;
  };
  return {
    report: (stem) => json<ReportData>(`report-data/${stem}.json`),
    runBySlug: (slug) => json<RunData>(`run-data/${slug}.json`),
    runByName: (name) => runsByName().get(name),
    pair: (a, b) => json<PairData>(`compare-data/${pairStem(a, b)}.json`) ?? json<PairData>(`compare-data/${pairStem(b, a)}.json`),
    hasModel: (slug) => content.read(`model-data/${slug}.json`) !== undefined,
    hasTask: (task) => content.read(`task-data/${task}.json`) !== undefined,
  };
}

/** A reader over the content writer's files in memory. */
export function contentReaderOfMap(files: ReadonlyMap<string, string>): ContentReader {
  return {
    read: (p) => files.get(p),
    list: (folder) => [...files.keys()].filter((p) => p.startsWith(`${folder}/`)),
  };
}
