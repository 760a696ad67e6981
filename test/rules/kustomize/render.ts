/** Render a small kustomize tree written to a temporary directory into an estate. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Estate } from '../../../src/engine/estate.js';
import { discoverTargets } from '../../../src/input/load.js';
import { loadTarget } from '../../../src/engine/load.js';

export function renderTree(files: Record<string, string>, entry: string): Estate {
  const root = mkdtempSync(path.join(tmpdir(), 'prodgate-estate-rules-'));
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(root, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  const targets = discoverTargets([path.join(root, entry)], { root });
  if (targets.length !== 1) throw new Error(`expected one target, got ${targets.length}`);
  return loadTarget(targets[0]!, { root }).estate;
}
