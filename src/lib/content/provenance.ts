import type { Provenance } from '../model.ts';
import type { ProvenanceData } from './types.ts';

/** A provenance as the content JSON writes it (no `undefined` fields). */
export function provData(p: Provenance): ProvenanceData {
  const out: { -readonly [K in keyof ProvenanceData]: ProvenanceData[K] } = { path: p.path, blob: p.blob, via: p.via };
  if (p.dumpFile !== undefined) out.dumpFile = p.dumpFile;
  if (p.exact !== undefined) out.exact = p.exact;
  return out;
}
