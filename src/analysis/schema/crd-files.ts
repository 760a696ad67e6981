/**
 * Reading CustomResourceDefinitions given with `--crd-schemas`: files or directories of YAML or
 * JSON (searched recursively, symlinked directories not followed), each document a CRD or a
 * `List` of them (as `kubectl get crd -o yaml` prints). Other documents are ignored, but each path
 * given must yield at least one CRD.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UserError } from '../../core/errors.js';
import { noteInputRead } from '../../input/files.js';
import { limits } from '../../core/limits.js';
import { isMap } from '../../core/provenance.js';
import type { Resource } from '../../core/resource.js';
import { parseYaml } from '../../yaml/parse.js';
import { isCrd } from './crd.js';

const schemaFilePattern = /\.(ya?ml|json)$/i;

export function loadCrdSchemaFiles(paths: readonly string[], cwd: string = process.cwd()): Resource[] {
  const out: Resource[] = [];
  let total = 0;
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UserError(`--crd-schemas: ${p} does not exist`);
    }
    const files: string[] = [];
    if (st.isDirectory()) collect(abs, files);
    else files.push(abs);
    const before = out.length;
    total = readCrds(files, cwd, total, out);
    // A path that yields no CRD is a typo or the wrong file: validating without its schemas would pass silently.
    if (out.length === before) throw new UserError(`--crd-schemas: no CustomResourceDefinition found in ${p}`);
  }
  return out;
}

function readCrds(files: readonly string[], cwd: string, total: number, out: Resource[]): number {
  for (const file of files) {
    const size = statSync(file).size;
    const shown = relative(cwd, file) || file;
    if (size > limits.maxFileBytes) throw new UserError(`${shown} is larger than ${limits.maxFileBytes} bytes`);
    total += size;
    if (total > limits.maxTotalBytes) throw new UserError(`--crd-schemas: more than ${limits.maxTotalBytes} bytes of input`);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UserError(`--crd-schemas: cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    noteInputRead(file);
    const parsed = parseYaml(text, shown);
    for (const doc of parsed.docs) {
      if (!isMap(doc.value)) continue;
      const r: Resource = { body: doc.value, origin: doc.location };
      if (isCrd(r)) {
        out.push(r);
      } else if (doc.value.kind === 'List' && Array.isArray(doc.value.items)) {
        for (const item of doc.value.items) {
          if (!isMap(item)) continue;
          const ir: Resource = { body: item, origin: doc.location };
          if (isCrd(ir)) out.push(ir);
        }
      }
    }
  }
  return total;
}

function collect(dir: string, out: string[]): void {
  const entries = readdirSync(dir).sort();
  for (const name of entries) {
    const full = join(dir, name);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) {
      // A symlinked file is read; a symlinked directory is not entered (no loops).
      if (schemaFilePattern.test(name) && statSync(full, { throwIfNoEntry: false })?.isFile()) out.push(full);
    } else if (st.isDirectory()) {
      collect(full, out);
    } else if (st.isFile() && schemaFilePattern.test(name)) {
      out.push(full);
    }
  }
}
