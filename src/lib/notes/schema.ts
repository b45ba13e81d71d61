/**
 * A note's frontmatter, checked by the content step and by Astro's notes collection with this one
 * schema: `date` (when the note was written, YYYY-MM-DD) required; `title` and `author` optional.
 * Unknown keys are errors, so a misspelt `auther:` is caught instead of dropped.
 *
 * The content step reads the YAML with the JSON schema, so a date arrives as it was written and
 * `2024-02-30` is refused here, instead of becoming 1 March as YAML's timestamp type makes it;
 * Astro reads the same (already checked) frontmatter with timestamps, so a Date is accepted too.
 */
import { z } from 'astro/zod';

/** `2026-12-04` → that day at 00:00 UTC; anything that is not a real calendar day → undefined. */
export function calendarDay(s: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? d : undefined;
}

const noteDate = z.union([z.date(), z.string()]).transform((v, ctx) => {
  if (v instanceof Date) return v;
  const d = calendarDay(v);
  if (d === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a calendar day (write YYYY-MM-DD)` });
    return z.NEVER;
  }
  return d;
});

export const noteFrontmatter = z
  .object({
    date: noteDate,
    title: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
  })
  .strict();

export type NoteFrontmatter = z.infer<typeof noteFrontmatter>;
