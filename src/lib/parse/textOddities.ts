/** What a file's text says about itself that the build report names: NUL bytes, mojibake. Pure. */
export interface TextOddities {
  /** 1-based line of the first NUL byte, when there is one. */
  readonly nulLine?: number;
  /** Whether the text shows UTF-8 decoded twice (`Â ` for a non-breaking space). */
  readonly mojibake?: boolean;
}

const NUL = '\u0000';
const MOJIBAKE = /Â\u00a0|Ã[\u0080-\u00bf]|â€/;

export function textOddities(text: string): TextOddities {
  const nul = text.indexOf(NUL);
  return {
    ...(nul !== -1 ? { nulLine: text.slice(0, nul).split('\n').length } : {}),
    ...(MOJIBAKE.test(text) ? { mojibake: true } : {}),
  };
}
