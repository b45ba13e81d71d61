/**
 * Names of the files and folders of the generated content folder that both its writer (src/lib/content/index.ts)
 * and its readers (pages, build scripts) use.
 */

/** Folder of the generated content holding the files published as they are, at their site paths. */
export const PUBLISHED_DIR = 'published';
/** What the /data/ page lists (src/lib/data/publish.ts `DataIndex`). */
export const DATA_INDEX_FILE = 'data-index.json';
/** Every report page: its stem (`gitlab/2469`) → sha-1 of its JSON content file. */
export const REPORT_INPUTS_FILE = 'report-inputs.json';
/** What every page says it shows: the tree's commit and the build day (`TreeStamp`). */
export const TREE_STAMP_FILE = 'tree.json';
/** The archivists' notes, checked, newest first (src/lib/notes/check.ts `NoteSummary`). */
export const NOTES_INDEX_FILE = 'notes-index.json';
