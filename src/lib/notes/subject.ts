/** What a note is on, in words: `report gitlab/1033`, `run deepseek-r1-32b`, `the home page`. */
import type { NoteTarget } from './target.ts';

export function noteSubject(t: NoteTarget): string {
  switch (t.kind) {
    case 'home':
      return 'the home page';
    case 'report':
      return `report ${t.stem}`;
    case 'run':
      return `run ${t.slug}`;
    case 'model':
      return `model ${t.slug}`;
    case 'task':
      return `task ${t.task}`;
  }
}
