/**
 * Incremental writer: makes `outDir` hold exactly `files`, writing only files whose bytes
 * changed (so Astro's content cache and file watchers see no churn) and deleting stale ones.
 *
 * `ContentWriter` does the same a file at a time, as each is made, so no file's text is held
 * after it is made (only its path and hash): a changed file goes to a staging folder beside the
 * output (`<out>.staging-<pid>`), an unchanged one nowhere, and `commit()` moves the staged
 * files in and deletes the stale ones. Until then the output folder is as it was (the notes are
 * checked against the staged content before anything is written; `abort()` drops it all).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { entriesBelow } from '../files.ts';

export interface WriteStats {
  written: number;
  unchanged: number;
  deleted: number;
  total: number;
}

/** Files never touched by the writer (kept even if not in `files`). */
const KEEP = new Set(['README.md']);

function removeEmptyDirs(dir: string, isRoot = true): boolean {
  let empty = true;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!removeEmptyDirs(path.join(dir, e.name), false)) empty = false;
    } else empty = false;
  }
  if (empty && !isRoot) rmdirSync(dir);
  return empty;
}

export function writeContent(outDir: string, files: ReadonlyMap<string, string>): WriteStats {
  const writer = new ContentWriter(outDir);
  try {
    for (const [rel, text] of files) writer.put(rel, text);
    return writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/** SHA-1 of a file, read a megabyte at a time; null when it does not exist. */
function fileHash(file: string): { size: number; sha1: string } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha1');
    const buffer = Buffer.alloc(1 << 20);
    let size = 0;
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, n));
      size += n;
    }
    return { size, sha1: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

function sameBytes(file: string, bytes: Buffer): boolean {
  try {
    return statSync(file).size === bytes.length && readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** A process id that is alive (a staging folder of a live writer is never removed). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file being written through a stream (`ContentWriter.open`). */
export interface ContentStream {
  readonly stream: Writable;
  /** After the stream has finished: keeps the file (staged if its bytes changed); its size and SHA-256. */
  done(): Promise<{ readonly bytes: number; readonly sha256: string }>;
}

export class ContentWriter {
  readonly root: string;
  readonly staging: string;
  /** Every file of the content: path → SHA-1 of its bytes (never its text). */
  private readonly hashes = new Map<string, string>();
  private readonly staged = new Set<string>();
  private readonly opened = new Set<string>();
  private readonly dirs = new Set<string>();
  private unchanged = 0;

  constructor(outDir: string) {
    this.root = path.resolve(outDir);
    mkdirSync(this.root, { recursive: true });
    this.staging = `${this.root}.staging-${process.pid}`;
    // What killed writers left.
    const prefix = `${path.basename(this.root)}.staging-`;
    for (const name of readdirSync(path.dirname(this.root))) {
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.slice(prefix.length));
      if (pid === process.pid || !alive(pid)) rmSync(path.join(path.dirname(this.root), name), { recursive: true, force: true });
    }
  }

  private check(rel: string): string {
    const file = path.resolve(this.root, rel);
    if (!file.startsWith(this.root + path.sep)) throw new Error(`content path escapes ${this.root}: ${rel}`);
    if (this.hashes.has(rel) || this.opened.has(rel)) throw new Error(`two content files at ${rel}`);
    return file;
  }

  private stagedFile(rel: string): string {
    const file = path.join(this.staging, rel);
    const dir = path.dirname(file);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    return file;
  }

  /** Adds one file: staged when its bytes differ from the output folder's, else only noted. */
  put(rel: string, text: string): void {
    const file = this.check(rel);
    const bytes = Buffer.from(text, 'utf8');
    this.hashes.set(rel, createHash('sha1').update(bytes).digest('hex'));
    if (sameBytes(file, bytes)) {
      this.unchanged++;
      return;
    }
    writeFileSync(this.stagedFile(rel), bytes);
    this.staged.add(rel);
  }

  /** A file written through a stream (a large CSV): its bytes go to the staging folder as they come. */
  open(rel: string): ContentStream {
    const file = this.check(rel);
    this.opened.add(rel);
    const target = this.stagedFile(rel);
    const sha1 = createHash('sha1');
    const sha256 = createHash('sha256');
    let bytes = 0;
    // Chunks (a CSV record each) are gathered and written 256 KB at a time, synchronously: a
    // write stream per record cost more than making the records.
    const fd = openSync(target, 'w');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = () => {
      if (pendingBytes === 0) return;
      const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off);
      pending = [];
      pendingBytes = 0;
    };
    const counter = new Writable({
      decodeStrings: true,
      write(chunk: Buffer, _encoding, callback) {
        sha1.update(chunk);
        sha256.update(chunk);
        bytes += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= 1 << 18) flush();
        callback();
      },
      final(callback) {
        try {
          flush();
          closeSync(fd);
          callback();
        } catch (e) {
          callback(e as Error);
        }
      },
    });
    const closed = finished(counter);
    return {
      stream: counter,
      done: async () => {
        await closed;
        const hash = sha1.digest('hex');
        this.opened.delete(rel);
        this.hashes.set(rel, hash);
        const existing = fileHash(file);
        if (existing !== null && existing.size === bytes && existing.sha1 === hash) {
          unlinkSync(target);
          this.unchanged++;
        } else this.staged.add(rel);
        return { bytes, sha256: sha256.digest('hex') };
      },
    };
  }

  has(rel: string): boolean {
    return this.hashes.has(rel);
  }

  /** A content file's text (as the notes read it), staged or unchanged; undefined when there is none. */
  read(rel: string): string | undefined {
    if (!this.hashes.has(rel)) return undefined;
    return readFileSync(this.staged.has(rel) ? path.join(this.staging, rel) : path.join(this.root, rel), 'utf8');
  }

  /** The content's files below a folder (`run-data`). */
  list(folder: string): string[] {
    return [...this.hashes.keys()].filter((p) => p.startsWith(`${folder}/`));
  }

  /** Every file's path. */
  paths(): IterableIterator<string> {
    return this.hashes.keys();
  }

  /** Moves the staged files into the output folder and deletes what the content no longer has. */
  commit(): WriteStats {
    if (this.opened.size > 0) throw new Error(`content files still being written: ${[...this.opened].slice(0, 3).join(', ')}`);
    const stats: WriteStats = { written: 0, unchanged: this.unchanged, deleted: 0, total: this.hashes.size };
    const made = new Set<string>();
    for (const rel of [...this.staged].sort()) {
      const file = path.join(this.root, rel);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      renameSync(path.join(this.staging, rel), file);
      stats.written++;
    }
    for (const { rel } of entriesBelow(this.root, { missingOk: true })) {
      if (this.hashes.has(rel) || KEEP.has(rel)) continue;
      unlinkSync(path.join(this.root, rel));
      stats.deleted++;
    }
    removeEmptyDirs(this.root);
    rmSync(this.staging, { recursive: true, force: true });
    return stats;
  }

  /** Drops everything staged: the output folder stays as it was. */
  abort(): void {
    if (existsSync(this.staging)) rmSync(this.staging, { recursive: true, force: true });
  }
}
