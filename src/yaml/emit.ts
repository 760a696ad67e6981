/**
 * The kustomize-compatible emitter: writes values exactly as `kubectl kustomize` prints them
 * (go-yaml v2 encoder: key order, quoting, block scalars, line folding, number formatting).
 */
import { stringify } from 'yaml';
import type { Value } from '../model/provenance.js';

/** One document (no leading `---`), ending with a newline. */
export function emitDocument(value: Value): string {
  // Placeholder until the exact emitter lands.
  return stringify(value);
}

/** A multi-document stream as kustomize writes it: documents joined by `---\n`. */
export function emitStream(values: Value[]): string {
  return values.map((v) => emitDocument(v)).join('---\n');
}
