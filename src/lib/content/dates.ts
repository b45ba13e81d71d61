/**
 * Timestamps as the scrapes wrote them (`2024-07-31T21:44:40.312Z`) shown for reading:
 * `2024-07-31 21:44 UTC`. Done on the string, never through `Date`, so the page is the same on
 * every machine whatever its time zone and locale. Pure.
 */

const STAMP = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/**
 * Why a value of a timestamp's shape names no real moment, or undefined when it does (or is not
 * of that shape at all):
 *   `2024-02-30T10:00:00Z` → `2024-02 has 29 days`, `2024-03-01T25:61:00Z` → `hour 25, minute 61`,
 *   `2024-02-29T23:59:60Z` → undefined (a leap second).
 */
export function impossibleTimestamp(raw: string): string | undefined {
  const m = STAMP.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = m[1]!.split('-').map(Number) as [number, number, number];
  const why: string[] = [];
  if (mo < 1 || mo > 12) why.push(`month ${mo}`);
  else {
    const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
    if (d < 1 || d > days) why.push(`${m[1]!.slice(0, 7)} has ${days} days`);
  }
  if (m[2] !== undefined && Number(m[2]) > 23) why.push(`hour ${Number(m[2])}`);
  if (m[3] !== undefined && Number(m[3]) > 59) why.push(`minute ${Number(m[3])}`);
  if (m[4] !== undefined && Number(m[4]) > 60) why.push(`second ${Number(m[4])}`);
  const zone = m[5] && m[5] !== 'Z' ? /^[+-](\d\d):?(\d\d)$/.exec(m[5]) : null;
  if (zone && (Number(zone[1]) > 23 || Number(zone[2]) > 59)) why.push(`offset ${m[5]}`);
  return why.length ? why.join(', ') : undefined;
}

/** The timestamp to show; a value of another shape, or one that names no real moment, is shown as it was written. */
export function readableTimestamp(raw: string): string {
  const m = STAMP.exec(raw.trim());
  if (!m || impossibleTimestamp(raw) !== undefined) return raw;
  const [, day, hh, mm, , zone] = m;
  if (hh === undefined) return day!;
  const tz = zone === undefined ? '' : zone === 'Z' || /^[+-]00:?00$/.test(zone) ? ' UTC' : ` UTC${zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
  return `${day} ${hh}:${mm}${tz}`;
}

/** Whether `raw` is a timestamp `readableTimestamp` understands (then it goes in `<time datetime>`). */
export function isTimestamp(raw: string): boolean {
  return STAMP.test(raw.trim()) && impossibleTimestamp(raw) === undefined;
}
