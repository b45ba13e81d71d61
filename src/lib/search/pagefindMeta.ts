/**
 * What a Pagefind bundle's page list (`pagefind.<lang>_<hash>.pf_meta`) says about its pages:
 * each page's word count, read as Pagefind's search reads it (pagefind_web's `decode_metadata`),
 * and the index chunks' word ranges. The file is gzip of `pagefind_dcd` followed by CBOR:
 * [version, [[page hash, word count, …], …], [[first word, last word, chunk hash], …], …].
 * Only the CBOR this needs is read (arrays, strings, unsigned integers); anything else is an error
 * naming the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface PagefindMeta {
  /** Each page's word count, in the bundle's page order. */
  readonly wordCounts: readonly number[];
  /** The index chunks: the first and last word each holds. */
  readonly chunks: readonly { readonly from: string; readonly to: string }[];
}

const SIGNATURE = 'pagefind_dcd';

/** Reads the CBOR items the page list is made of. */
class Cbor {
  private at = 0;
  private readonly bytes: Uint8Array;
  private readonly file: string;
  constructor(bytes: Uint8Array, file: string) {
    this.bytes = bytes;
    this.file = file;
  }

  private head(): { major: number; value: number } {
    const b = this.bytes[this.at++];
    if (b === undefined) throw new Error(`${this.file}: the page list ends early`);
    const major = b >> 5;
    const info = b & 31;
    if (info < 24) return { major, value: info };
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new Error(`${this.file}: CBOR item ${b} (indefinite length) is not one Pagefind writes here`);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.at++]!;
    return { major, value };
  }

  array(): number {
    const h = this.head();
    if (h.major !== 4) throw new Error(`${this.file}: expected an array, found CBOR major type ${h.major}`);
    return h.value;
  }

  string(): string {
    const h = this.head();
    if (h.major !== 3 && h.major !== 2) throw new Error(`${this.file}: expected a string, found CBOR major type ${h.major}`);
    const s = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + h.value));
    this.at += h.value;
    return s;
  }

  uint(): number {
    const h = this.head();
    if (h.major !== 0) throw new Error(`${this.file}: expected a number, found CBOR major type ${h.major}`);
    return h.value;
  }

  skip(): void {
    const h = this.head();
    if (h.major === 2 || h.major === 3) this.at += h.value;
    else if (h.major === 4) for (let i = 0; i < h.value; i++) this.skip();
    else if (h.major === 5) for (let i = 0; i < 2 * h.value; i++) this.skip();
    else if (h.major !== 0 && h.major !== 1 && h.major !== 7) throw new Error(`${this.file}: CBOR major type ${h.major} is not one Pagefind writes here`);
  }
}

/** The page list of the bundle in `bundleDir` (its one `.pf_meta` file). */
export function readPagefindMeta(bundleDir: string): PagefindMeta {
  const files = readdirSync(bundleDir).filter((f) => f.endsWith('.pf_meta'));
  if (files.length !== 1) throw new Error(`${bundleDir}: ${files.length} Pagefind page lists (.pf_meta), expected one`);
  const file = path.join(bundleDir, files[0]!);
  let bytes: Uint8Array = readFileSync(file);
  if (new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) bytes = gunzipSync(bytes);
  if (new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) throw new Error(`${file}: not a Pagefind page list (no ${SIGNATURE})`);
  const cbor = new Cbor(bytes.subarray(SIGNATURE.length), file);
  cbor.array();
  cbor.string(); // Pagefind's version
  const wordCounts: number[] = [];
  for (let n = cbor.array(), i = 0; i < n; i++) {
    const fields = cbor.array();
    cbor.string(); // the page's hash
    wordCounts.push(cbor.uint());
    for (let k = 2; k < fields; k++) cbor.skip();
  }
  const chunks: { from: string; to: string }[] = [];
  for (let n = cbor.array(), i = 0; i < n; i++) {
    const fields = cbor.array();
    const from = cbor.string();
    const to = cbor.string();
    for (let k = 2; k < fields; k++) cbor.skip();
    chunks.push({ from, to });
  }
  return { wordCounts, chunks };
}

/** The average page length Pagefind's search computes from the word counts (in 32-bit floats, in page order). */
export function averagePageLength(wordCounts: readonly number[]): number {
  let sum = 0;
  for (const n of wordCounts) sum = Math.fround(sum + n);
  return wordCounts.length ? Math.fround(sum / wordCounts.length) : 0;
}
