/**
 * The orderings every output uses, so that builds are byte-identical: by code unit (never
 * `localeCompare`, which depends on the machine's locale), numeric ids as numbers, report keys
 * by source. Browser-safe.
 */
import { SOURCES } from './model.ts';

/** By UTF-16 code unit: `B` < `a` < `é`. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numeric ids in numeric order, then the rest by code point: stable across builds. */
export function compareIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Number(a) - Number(b) || compare(a, b);
  if (na !== nb) return na ? -1 : 1;
  return compare(a, b);
}

export function sortedMap<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map.entries()].sort(([a], [b]) => compare(a, b)));
}

export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

/** Report keys (`<source>/<id>`): sources in SOURCES order, then ids as compareIds orders them. */
export function compareKeys(a: string, b: string): number {
  const [sa = '', ia = ''] = splitKey(a);
  const [sb = '', ib = ''] = splitKey(b);
  const oa = SOURCES.indexOf(sa as never);
  const ob = SOURCES.indexOf(sb as never);
  if (oa !== ob) return oa - ob;
  if (sa !== sb) return compare(sa, sb);
  return compareIds(ia, ib);
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}
