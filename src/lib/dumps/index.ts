/** Page dumps of the results tree: recognising, reading and placing them. */
export { DumpError } from './errors.ts';
export { detectDumpStyle } from './detect.ts';
export { type ParsedDump, parseCgitDump, parseFlatDump, parsePlainDump } from './parse.ts';
export {
  buildTreeTextIndex,
  classifyDumpFile,
  flattenForMatch,
  lastWord,
  type PlacedDump,
  placeDump,
  type TreeFile,
  type TreeTextIndex,
} from './place.ts';
