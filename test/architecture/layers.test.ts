/**
 * The import direction between layers (docs/architecture.md): data flows one way, so a module may
 * import from its own layer and from layers above it in this list, never from a layer below.
 * A back edge fails here, naming the importing file and what it imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', '..', 'src');

/** Layer of each top-level entry of src/, in data-flow order (lower rank = further upstream). */
const LAYERS: Record<string, number> = {
  core: 0,
  yaml: 1,
  input: 2,
  kustomize: 3,
  compose: 3,
  engine: 4,
  analysis: 5,
  rules: 6,
  report: 7,
  'index.ts': 8, // the library's public API: may use every layer but the CLI
  cli: 9,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function layerOf(file: string): string {
  const top = relative(src, file).split(/[\\/]/)[0]!;
  // `./index.js` in an import names the TypeScript source `index.ts`.
  return top === 'index.js' ? 'index.ts' : top;
}

/** Imports that go against the data flow, as `importer -> imported` relative to src/. */
function backEdges(graph: Array<[string, string[]]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to === from) continue;
      if (LAYERS[to]! >= LAYERS[from]!) out.push(`${relative(src, file)} -> ${relative(src, target)}`);
    }
  }
  return out;
}

/** Every relative import of a file (static, dynamic and type-only), resolved to a path under src/. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((i) => i.fileName).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

const files = sourceFiles(src);

describe('layers', () => {
  it('every top-level entry of src/ is a known layer', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(l in LAYERS));
    expect(unknown).toEqual([]);
  });

  it('no module imports from a layer downstream of its own', () => {
    expect(backEdges(files.map((f) => [f, importsOf(f)]))).toEqual([]);
  });

  it('analyses never depend on rules (rules use analyses, not the reverse)', () => {
    const edges = files
      .filter((f) => layerOf(f) === 'analysis')
      .flatMap((f) => importsOf(f).filter((t) => layerOf(t) === 'rules').map((t) => `${relative(src, f)} -> ${relative(src, t)}`));
    expect(edges).toEqual([]);
  });

  it('the check catches back edges and sibling edges, and allows upstream ones', () => {
    const at = (p: string) => join(src, p);
    expect(
      backEdges([
        [at('engine/engine.ts'), [at('rules/index.js'), at('core/errors.js')]],
        [at('kustomize/build.ts'), [at('compose/merge.js'), at('yaml/parse.js')]],
        [at('cli/check.ts'), [at('index.js'), at('report/text.js')]],
        [at('index.ts'), [at('cli/main.js')]],
      ]),
    ).toEqual(['engine/engine.ts -> rules/index.js', 'kustomize/build.ts -> compose/merge.js', 'index.ts -> cli/main.js']);
  });

  it('reads every kind of import a module can write', () => {
    // The resolver must see static, type-only and dynamic imports, or a back edge could hide in one.
    const engine = files.find((f) => relative(src, f) === join('engine', 'engine.ts'))!;
    expect(importsOf(engine).length).toBeGreaterThan(5);
    const cli = files.filter((f) => layerOf(f) === 'cli').flatMap(importsOf);
    expect(cli.some((t) => layerOf(t) === 'index.js' || layerOf(t) === 'index.ts')).toBe(true);
  });
});
