/**
 * Timestamps as the scrapes wrote them (`2024-07-31T21:44:40.312Z`) shown for reading:
 * `2024-07-31 21:44 UTC`. Done on the string, never through `Date`, so the page is the same on
 * every machine whatever its time zone and locale. Pure.
 */

const STAMP = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/;

/** The timestamp to show; a value of another shape is shown as it was written. */
export function readableTimestamp(raw: string): string {
  const m = STAMP.exec(raw.trim());
  if (!m) return raw;
  const [, day, hh, mm, zone] = m;
  if (hh === undefined) return day!;
  const tz = zone === undefined ? '' : zone === 'Z' || /^[+-]00:?00$/.test(zone) ? ' UTC' : ` UTC${zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
  return `${day} ${hh}:${mm}${tz}`;
}

/** Whether `raw` is a timestamp `readableTimestamp` understands (then it goes in `<time datetime>`). */
export function isTimestamp(raw: string): boolean {
  return STAMP.test(raw.trim());
}
