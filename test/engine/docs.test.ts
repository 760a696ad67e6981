import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkRuleReferences, configJsonSchema, parseConfig } from '../../src/engine/config.js';
import { allRules } from '../../src/index.js';
import { parseYaml } from '../../src/yaml/parse.js';

const docs = path.resolve(__dirname, '../../docs');

describe('docs/configuration.md', () => {
  const text = readFileSync(path.join(docs, 'configuration.md'), 'utf8');
  const example = /## `\.prodgate\.yaml`[\s\S]*?```yaml\n([\s\S]*?)```/.exec(text)![1]!;

  it('shows a config file that prodgate accepts', () => {
    const config = parseConfig(example, 'configuration.md', '/repo');
    expect(() => checkRuleReferences(config, allRules())).not.toThrow();
    expect(config.environments).toHaveLength(2);
    expect(config.waivers).toHaveLength(1);
    expect(config.settings.network.approvedClients).toEqual({ vector: ['kfm-api'] });
  });

  it('matches the published JSON Schema', () => {
    const published = JSON.parse(readFileSync(path.join(docs, 'prodgate-config.schema.json'), 'utf8'));
    expect(published).toEqual(configJsonSchema(allRules()));
    const validate = new Ajv({ strict: false }).compile(published);
    expect(validate(parseYaml(example, 'x').docs[0]!.value)).toBe(true);
  });
});

describe('docs/rules', () => {
  // Every rule has a documentation page generated from its metadata (`npm run docs`).
  it('has an up-to-date page for every rule and an index listing them all', async () => {
    const { ruleMarkdown, rulesIndexMarkdown } = await import('../../src/report/rule-docs.js');
    const metas = allRules().map((r) => r.meta);
    for (const r of allRules()) {
      const m = r.meta;
      const page = path.join(docs, 'rules', `${m.id}.md`);
      expect(readFileSync(page, 'utf8'), `docs/rules/${m.id}.md is stale: run npm run docs`).toBe(ruleMarkdown(m, r.examples));
      for (const part of [m.rationale, m.remediation]) expect(part.trim().length).toBeGreaterThan(20);
      expect(m.remediation).toMatch(/```yaml/);
    }
    expect(readFileSync(path.join(docs, 'rules', 'README.md'), 'utf8')).toBe(rulesIndexMarkdown(metas));
  });
});
