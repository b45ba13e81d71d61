import { describe, expect, it } from 'vitest';
import { isTimestamp, readableTimestamp } from '../../src/lib/content/dates.ts';

describe('readable timestamps', () => {
  it('drops seconds and milliseconds and names the zone', () => {
    expect(readableTimestamp('2024-07-31T21:44:40.312Z')).toBe('2024-07-31 21:44 UTC');
    expect(readableTimestamp('2024-07-31T21:44:40Z')).toBe('2024-07-31 21:44 UTC');
    expect(readableTimestamp('2024-07-31T23:44:40+02:00')).toBe('2024-07-31 23:44 UTC+02:00');
    expect(readableTimestamp('2024-07-31T23:44+0200')).toBe('2024-07-31 23:44 UTC+02:00');
    expect(readableTimestamp('2024-07-31 21:44:40')).toBe('2024-07-31 21:44');
    expect(readableTimestamp('2024-07-31')).toBe('2024-07-31');
  });

  it('shows anything else as written', () => {
    for (const raw of ['yesterday', '2024-7-31', '', '2024-07-31T21:44:40.312Z trailing']) {
      expect(readableTimestamp(raw)).toBe(raw);
      expect(isTimestamp(raw)).toBe(false);
    }
    expect(isTimestamp('2024-07-31T21:44:40.312Z')).toBe(true);
  });

  it('does not depend on the time zone or locale of the machine', () => {
    // Pure string work: the same input gives the same text under any TZ (the suite may run
    // anywhere); checked against the value Date would shift.
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(readableTimestamp('2024-12-31T23:30:00.000Z')).toBe('2024-12-31 23:30 UTC');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
