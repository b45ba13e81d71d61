/** Scraped texts start with the title on their first line. */
export function titleOf(text: string): string {
  const end = text.search(/\r?\n/);
  const first = (end === -1 ? text : text.slice(0, end)).trim();
  return first;
}
