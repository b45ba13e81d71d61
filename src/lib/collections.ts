/**
 * Typed reads of the generated content's collections (src/content.config.ts): the one place where
 * a collection's entries get the type their writer gave them (src/lib/content/types.ts; the
 * collections have no zod schemas, see there). Pages read entries through `entries`, not
 * `getCollection` with an `as XData` cast each.
 */
import { getCollection } from 'astro:content';
import type { ModelData, PairData, RawData, ReviewerData, RunData, RunMembersData, SetData, SiteData, SourceIndexData, TaskData } from './content/types.ts';

/** What each collection's entries hold. */
export interface CollectionData {
  readonly runData: RunData;
  readonly runMembers: RunMembersData;
  readonly sourceIndex: SourceIndexData;
  readonly modelData: ModelData;
  readonly rawData: RawData;
  readonly taskData: TaskData;
  readonly compareData: PairData;
  readonly setData: SetData;
  readonly reviewerData: ReviewerData;
  readonly site: SiteData;
}

export interface Entry<T> {
  /** The entry's path below its folder, without `.json` (`gitlab/101`, `deepseek-r1-14b`). */
  readonly id: string;
  readonly data: T;
}

/** Every entry of `collection`, as the content writer typed it. */
export async function entries<C extends keyof CollectionData>(collection: C): Promise<Entry<CollectionData[C]>[]> {
  return (await getCollection(collection)).map((e) => ({ id: e.id, data: e.data as CollectionData[C] }));
}
