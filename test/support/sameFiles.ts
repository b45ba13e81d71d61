import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Those of `files` (paths relative to both folders) whose bytes differ between folder `a` and folder `b`. */
export function differingFiles(a: string, b: string, files: readonly string[]): string[] {
  return files.filter((f) => !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
}
