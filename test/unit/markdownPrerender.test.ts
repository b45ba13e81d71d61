/** Markdown rendered ahead by worker threads fills the cache with exactly what the writer would render. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prerenderMarkdown } from '../../scripts/prerender-markdown.ts';
import { createMarkdownRenderer, renderCacheFile } from '../../src/lib/content/markdown.ts';
import { GITLAB_MARKDOWN, HOSTILE_TEXT } from '../fixtures/model.ts';
import { tempDir } from '../support/tempDirs.ts';

const TEXTS = [
  GITLAB_MARKDOWN,
  HOSTILE_TEXT,
  '```c\nint main(void) { return 0; }\n```\n',
  '```sh\n$ qemu-system-x86_64 -m 1G\n```\n\n[link](/qemu-project/qemu/-/issues/1)',
  'plain words, *emphasis* and <script>alert(1)</script>',
];

describe('prerenderMarkdown', () => {
  it('renders every missing text once, on two workers, to the bytes the renderer gives', async () => {
    const cacheDir = tempDir('prerender');
    expect(await prerenderMarkdown([...TEXTS, TEXTS[0]!].map((text) => ({ text })), cacheDir, 2)).toBe(TEXTS.length);
    const direct = createMarkdownRenderer({ cacheDir: null });
    for (const t of TEXTS) expect(readFileSync(renderCacheFile(cacheDir, t), 'utf8')).toBe(direct(t));
    // A text rendered for a context (a GitLab field's id scope and its issue's address) is cached
    // apart from the same text without one, as the writer will ask for it.
    const context = { idScope: 'description', documentUrl: 'https://gitlab.com/qemu-project/qemu/-/issues/1' };
    expect(await prerenderMarkdown([{ text: TEXTS[0]!, context }], cacheDir, 2)).toBe(1);
    expect(direct(TEXTS[0]!, context)).not.toBe(direct(TEXTS[0]!));
    expect(readFileSync(renderCacheFile(cacheDir, TEXTS[0]!, context), 'utf8')).toBe(direct(TEXTS[0]!, context));
    // A second call finds everything cached and starts no worker.
    expect(await prerenderMarkdown(TEXTS.map((text) => ({ text })), cacheDir, 2)).toBe(0);
  }, 60_000);
});
