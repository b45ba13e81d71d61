/** A page dump that cannot be read as the style it claims; the message names the dump file (and line). */
export class DumpError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, message: string, line?: number) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${message}`);
    this.name = 'DumpError';
    this.file = file;
    this.line = line;
  }
}
