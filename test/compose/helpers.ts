import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadCompose, type ComposeOptions, type ComposeProject } from '../../src/compose/index.js';

/** Write `files` into a fresh project directory named `app` and return its path. */
export function writeProject(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'prodgate-compose-')), 'app');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

export interface Loaded {
  dir: string;
  project: ComposeProject;
  /** The model as plain JSON. */
  model: any;
  warnings: string[];
}

/** Load a project from in-memory files; `files` defaults to every .yml/.yaml file, in the order given. */
export function load(files: Record<string, string>, options: ComposeOptions = {}): Loaded {
  const dir = writeProject(files);
  const warnings: string[] = [];
  const project = loadCompose({
    cwd: dir,
    env: {},
    files: Object.keys(files).filter((f) => /\.ya?ml$/.test(f) && !f.includes('/')),
    onWarning: (m) => warnings.push(m),
    ...options,
  });
  return { dir, project, model: JSON.parse(JSON.stringify(project.model)), warnings };
}

/** The value at a dotted path of a plain model. */
export function get(model: any, path: string): any {
  return path.split('.').reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), model);
}

/** Expect `fn` to throw a UserError whose message matches and whose location is file:line. */
export function errorOf(fn: () => unknown): { message: string; file?: string; line?: number } {
  try {
    fn();
  } catch (e) {
    const err = e as { message: string; location?: { file: string; line: number }; name: string };
    if (err.name !== 'UserError') throw e;
    return { message: err.message, file: err.location?.file, line: err.location?.line };
  }
  throw new Error('expected an error');
}
