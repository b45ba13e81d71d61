/**
 * A note's frontmatter, checked by the content step and by Astro's notes collection with this one
 * schema: `date` (when the note was written, YYYY-MM-DD) required; `title` and `author` optional.
 * Unknown keys are errors, so a misspelt `auther:` is caught instead of dropped.
 */
import { z } from 'astro/zod';

export const noteFrontmatter = z
  .object({
    date: z.coerce.date().refine((d) => !Number.isNaN(d.getTime()), { message: 'not a date (write YYYY-MM-DD)' }),
    title: z.string().min(1).optional(),
    author: z.string().min(1).optional(),
  })
  .strict();

export type NoteFrontmatter = z.infer<typeof noteFrontmatter>;
