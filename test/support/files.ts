import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, as sorted `/`-separated paths relative to it; none when `dir` is missing. */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
