/** The incremental content writer: writes only changed bytes, deletes stale files, keeps README.md. */
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent } from '../../src/lib/content/index.ts';
import { ContentWriter, writeContent } from '../../src/lib/content/write.ts';
import { finished } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { fixtureModel } from '../fixtures/model.ts';
import { tempDir } from '../support/tempDirs.ts';

const identity = (s: string) => `<p>${s.length}</p>`;

describe('writeContent', () => {
  it('writes everything once, then nothing on a second run with the same model', async () => {
    const dir = tempDir('content');
    const files = await buildContent(fixtureModel(), { markdown: identity });
    const first = writeContent(dir, files);
    expect(first).toEqual({ written: files.size, unchanged: 0, deleted: 0, total: files.size });
    const file = path.join(dir, 'report-data/gitlab/101.json');
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(file, old, old);
    const second = writeContent(dir, await buildContent(fixtureModel(), { markdown: identity }));
    expect(second).toEqual({ written: 0, unchanged: files.size, deleted: 0, total: files.size });
    expect(statSync(file).mtime.getTime()).toBe(old.getTime()); // not even touched
    for (const [p, t] of files) expect(readFileSync(path.join(dir, p), 'utf8')).toBe(t);
  });

  it('rewrites only files whose bytes changed and deletes stale ones (keeping README.md)', async () => {
    const dir = tempDir('content');
    const files = await buildContent(fixtureModel(), { markdown: identity });
    writeContent(dir, files);
    writeFileSync(path.join(dir, 'report-data/gitlab/102.json'), '{"tampered":true}\n');
    mkdirSync(path.join(dir, 'reports/gone'), { recursive: true });
    writeFileSync(path.join(dir, 'reports/gone/1.mdx'), 'stale');
    writeFileSync(path.join(dir, 'README.md'), 'kept');
    const stats = writeContent(dir, files);
    expect(stats).toEqual({ written: 1, unchanged: files.size - 1, deleted: 1, total: files.size });
    expect(readFileSync(path.join(dir, 'report-data/gitlab/102.json'), 'utf8')).toBe(files.get('report-data/gitlab/102.json'));
    expect(existsSync(path.join(dir, 'reports/gone'))).toBe(false); // emptied folders go too
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('kept');
  });

  it('refuses paths that would escape the output folder', () => {
    const dir = tempDir('content');
    expect(() => writeContent(dir, new Map([['../evil.json', '{}']]))).toThrow(/escapes/);
  });
});

describe('ContentWriter (a file at a time, committed at the end)', () => {
  it('leaves the output folder as it was until commit, and as it was after abort', () => {
    const dir = tempDir('content');
    writeContent(dir, new Map([['a.json', 'old a'], ['gone.json', 'old']]));
    const w = new ContentWriter(dir);
    w.put('a.json', 'new a');
    w.put('sub/b.json', 'b');
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(existsSync(path.join(dir, 'sub/b.json'))).toBe(false);
    // Read back as made (the notes check reads this way), from the staging folder.
    expect(w.read('a.json')).toBe('new a');
    expect(w.read('gone.json')).toBeUndefined();
    expect(w.list('sub')).toEqual(['sub/b.json']);
    expect(() => w.put('a.json', 'again')).toThrow(/two content files/);
    w.abort();
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('old a');
    expect(existsSync(w.staging)).toBe(false);
  });

  it('commits only changed files, deletes stale ones, and reads unchanged ones from the output', () => {
    const dir = tempDir('content');
    writeContent(dir, new Map([['same.json', 'same'], ['a.json', 'old a'], ['gone.json', 'old']]));
    const w = new ContentWriter(dir);
    w.put('same.json', 'same');
    w.put('a.json', 'new a');
    expect(w.read('same.json')).toBe('same');
    expect(w.commit()).toEqual({ written: 1, unchanged: 1, deleted: 1, total: 2 });
    expect(readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('new a');
    expect(existsSync(path.join(dir, 'gone.json'))).toBe(false);
    expect(existsSync(w.staging)).toBe(false);
  });

  it('writes a streamed file as it comes and says its size and SHA-256', async () => {
    const dir = tempDir('content');
    const text = 'x,y\r\n'.repeat(50_000);
    const write = async (w: ContentWriter, rel: string) => {
      const s = w.open(rel);
      for (let i = 0; i < 50_000; i++) s.stream.write('x,y\r\n');
      s.stream.end();
      await finished(s.stream);
      return s;
    };
    const w = new ContentWriter(dir);
    const done = await (await write(w, 'published/data/a.csv')).done();
    expect(done).toEqual({ bytes: text.length, sha256: createHash('sha256').update(text).digest('hex') });
    expect(w.commit()).toEqual({ written: 1, unchanged: 0, deleted: 0, total: 1 });
    expect(readFileSync(path.join(dir, 'published/data/a.csv'), 'utf8')).toBe(text);
    // The same bytes again: unchanged, not rewritten.
    const again = new ContentWriter(dir);
    await (await write(again, 'published/data/a.csv')).done();
    expect(again.commit()).toEqual({ written: 0, unchanged: 1, deleted: 0, total: 1 });
  });
});
