/**
 * The rule table: every rule's own examples, run through the input layer and the engine. Each
 * `bad` example must produce the rule's finding, each `good` example none; the same examples
 * are the "Examples" section of the rule's docs page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { paramsJsonSchema } from '../../src/engine/rule.js';
import { allRules } from '../../src/index.js';
import { runExample } from '../helpers/rule-tester.js';

const src = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const ruleFiles = new Map<string, string>();
for (const f of [...sourceFiles(path.join(src, 'rules')), ...sourceFiles(path.join(src, 'engine'))]) {
  ruleFiles.set(path.basename(f, '.ts'), f);
}

describe.each(allRules().map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('is defined in a file named after its id, with the id written as a literal', () => {
    const file = ruleFiles.get(id);
    expect(file, `no file ${id}.ts under src/rules or src/engine`).toBeDefined();
    const text = readFileSync(file!, 'utf8');
    expect(text).toContain(`id: '${id}'`);
    expect(text).toMatch(/defineRule\(/);
  });

  it('has examples whose parameters its schema accepts', () => {
    expect(rule.examples.bad.length).toBeGreaterThan(0);
    expect(rule.examples.good.length).toBeGreaterThan(0);
    const validate = new Ajv({ strict: false }).compile(paramsJsonSchema(rule.meta));
    for (const e of [...rule.examples.bad, ...rule.examples.good]) {
      expect(e.description.trim().length, 'each example says what it shows').toBeGreaterThan(5);
      expect(validate(e.params ?? {}), JSON.stringify(validate.errors)).toBe(true);
    }
    for (const [name, spec] of Object.entries(rule.meta.params ?? {})) {
      expect(spec.type ?? spec.enum, `parameter ${name} has a schema`).toBeDefined();
      expect(validate({ [name]: spec.default }), `default of ${name} fits its schema`).toBe(true);
      for (const v of Object.values(spec.byProfile ?? {})) expect(validate({ [name]: v })).toBe(true);
    }
  });

  it.each(rule.examples.bad.map((e, i) => [i, e] as const))('flags bad example %i', (_i, e) => {
    const mine = runExample(rule, e).filter((f) => f.rule === id && f.waived === null);
    expect(mine.length, `${e.description}: expected a ${id} finding`).toBeGreaterThan(0);
    if (e.message !== undefined) expect(mine.map((f) => f.message).join('\n')).toContain(e.message);
  });

  it.each(rule.examples.good.map((e, i) => [i, e] as const))('passes good example %i', (_i, e) => {
    const mine = runExample(rule, e).filter((f) => f.rule === id && f.waived === null);
    expect(mine.map((f) => `${f.path}: ${f.message}`), e.description).toEqual([]);
  });
});

