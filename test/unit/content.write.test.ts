/** The incremental content writer: writes only changed bytes, deletes stale files, keeps README.md. */
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent } from '../../src/lib/content/index.ts';
import { writeContent } from '../../src/lib/content/write.ts';
import { fixtureModel } from '../fixtures/model.ts';
import { tempDir } from '../support/tempDirs.ts';

const identity = (s: string) => `<p>${s.length}</p>`;

describe('writeContent', () => {
  it('writes everything once, then nothing on a second run with the same model', () => {
    const dir = tempDir('content');
    const files = buildContent(fixtureModel(), { markdown: identity });
    const first = writeContent(dir, files);
    expect(first).toEqual({ written: files.size, unchanged: 0, deleted: 0, total: files.size });
    const file = path.join(dir, 'report-data/gitlab/101.json');
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(file, old, old);
    const second = writeContent(dir, buildContent(fixtureModel(), { markdown: identity }));
    expect(second).toEqual({ written: 0, unchanged: files.size, deleted: 0, total: files.size });
    expect(statSync(file).mtime.getTime()).toBe(old.getTime()); // not even touched
    for (const [p, t] of files) expect(readFileSync(path.join(dir, p), 'utf8')).toBe(t);
  });

  it('rewrites only files whose bytes changed and deletes stale ones (keeping README.md)', () => {
    const dir = tempDir('content');
    const files = buildContent(fixtureModel(), { markdown: identity });
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
